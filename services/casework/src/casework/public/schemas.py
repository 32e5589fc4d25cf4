"""What a landlord publishes about itself, as the public API answers it."""

from __future__ import annotations

import uuid

from pydantic import BaseModel


class NotAsb(BaseModel):
    label: str
    advice: str


class Standards(BaseModel):
    """The service standards, in working days."""

    first_contact: int
    priority_first_contact: int
    """For hate incidents and domestic abuse (0: the same working day)."""
    action_plan: int
    case_update: int


class CommunityTriggerThreshold(BaseModel):
    reports: int
    within_months: int


class RiskQuestion(BaseModel):
    id: str
    text: str
    answers: list[str]


class LandlordPublic(BaseModel):
    organisation_id: uuid.UUID
    name: str
    reference_prefix: str
    phone: str | None
    out_of_hours_phone: str | None
    not_asb: list[NotAsb]
    standards: Standards
    community_trigger: CommunityTriggerThreshold
    risk_questions: list[RiskQuestion]
