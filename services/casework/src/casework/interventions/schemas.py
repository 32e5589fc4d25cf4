"""Request and response bodies of interventions."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from ..fields import Name, Record, Short, Strict, Text
from .catalogue import InterventionKind, needs_positive_requirement
from .counting import MediationResult, is_mediation


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

    mediation_result: MediationResult | None = Field(
        default=None, description="how a mediation ended (mediation referrals only)"
    )

    @field_validator("mediation_result")
    @classmethod
    def _only_a_mediation_has_a_mediation_result(
        cls, value: MediationResult | None, info: ValidationInfo
    ) -> MediationResult | None:
        kind = info.data.get("kind")
        if value is not None and kind is not None and not is_mediation(kind):
            raise ValueError("only a mediation has a mediation result")
        return value


class InterventionOutcomeIn(Strict):
    outcome: Text
    mediation_result: MediationResult | None = Field(
        default=None, description="how a mediation ended (mediation referrals only)"
    )


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
    mediation_result: str | None = None
    recorded_by: str
    recorded_at: datetime


class LegalCount(BaseModel):
    year: int
    as_of: date
    legal_actions: int
    by_kind: dict[str, int]


class InterventionCountsOut(BaseModel):
    """The counts the ASB strategies report, for one financial year of the caller's
    organisation, up to ``as_of``."""

    financial_year: str
    year: int
    starts: date
    ends: date
    as_of: date
    total: int
    community_protection_warnings: int
    by_kind: dict[str, int]
    legal_actions: int
    legal_by_kind: dict[str, int]
    mediation_outcomes: dict[str, int]
    """By result; ``awaiting``: no result recorded yet."""
