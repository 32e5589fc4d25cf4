"""Request and response bodies of the policy settings."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from ..fields import BriefReason, Strict
from .settings import PolicySettings
from .usecases import PolicyView


class PolicyIn(Strict):
    """The whole of the settings (fields left out take the defaults) and why they change."""

    reason: BriefReason
    settings: PolicySettings


class PolicyOut(BaseModel):
    organisation_id: uuid.UUID
    version: int
    """0: the built-in defaults, never changed by this landlord."""
    settings: PolicySettings
    reason: str | None
    changed_by: str | None
    changed_at: datetime | None
    changes: list[dict[str, Any]] | None
    """Field by field, against the previous version."""

    @classmethod
    def of(cls, view: PolicyView) -> PolicyOut:
        return cls.model_validate(view, from_attributes=True)
