"""Request body of a lifecycle step."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..fields import DecisionReason
from .state_machine import CaseCommand


class CommandIn(BaseModel):
    """A lifecycle step that needs nothing but a reason (others have their own endpoints)."""

    model_config = ConfigDict(extra="forbid")

    command: CaseCommand
    reason: DecisionReason | None = None
