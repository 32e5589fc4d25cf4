"""Request body of a triage decision."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..fields import DecisionReason


class ConfirmAsbIn(BaseModel):
    """A decision that needs only its reason (confirming ASB, a manager's review notes)."""

    model_config = ConfigDict(extra="forbid")

    reason: DecisionReason
