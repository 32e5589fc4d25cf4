"""Request and response bodies of interventions."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from ..fields import Name, Record, Short, Strict, Text
from .catalogue import InterventionKind, needs_positive_requirement


class InterventionIn(Strict):
    kind: InterventionKind
    on_date: date
    owner: Name
    notes: Text | None = None
    outcome: Text | None = None
    positive_requirements: list[Short] = Field(
        default_factory=list,
        max_length=20,
        validate_default=True,
        description="what the order requires the person to do; a civil injunction needs one",
    )

    @field_validator("positive_requirements")
    @classmethod
    def _injunction_needs_a_positive_requirement(
        cls, value: list[str], info: ValidationInfo
    ) -> list[str]:
        if needs_positive_requirement(info.data.get("kind")) and not value:
            raise ValueError("a civil injunction needs at least one positive requirement")
        return value


class InterventionOutcomeIn(Strict):
    outcome: Text


class InterventionOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    legal: bool
    on_date: date
    owner: str
    notes: str | None
    outcome: str | None
    positive_requirements: list[str] = []
    recorded_by: str
    recorded_at: datetime


class LegalCount(BaseModel):
    year: int
    as_of: date
    legal_actions: int
    by_kind: dict[str, int]
