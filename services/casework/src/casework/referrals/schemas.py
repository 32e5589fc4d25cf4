"""Request and response bodies of referrals."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field, field_validator

from ..fields import Name, Reason, Record, Strict, Text, clean_json
from .rules import ReferralKind


class ReferralIn(Strict):
    kind: ReferralKind
    person_name: Name
    reason: Text
    details: dict[str, Any] = Field(default_factory=dict, max_length=50)
    override_reason: Reason | None = None
    """MARAC only: a team leader's reason to refer a case not assessed as high risk."""

    @field_validator("details")
    @classmethod
    def _storable(cls, value: dict[str, Any]) -> dict[str, Any]:
        checked: dict[str, Any] = clean_json(value)
        return checked


class ReferralOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    person_name: str
    reason: str
    details: dict[str, Any]
    referred_by: str
    referred_at: datetime
