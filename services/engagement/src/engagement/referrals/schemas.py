"""What the referrals API takes and gives."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..common import Reference, Short, Text
from .criteria import Criterion, Decision, DeclineReason


class ReferralIn(BaseModel):
    """A referral keyed by a PEO (by phone, at a multi-agency meeting...)."""

    model_config = ConfigDict(extra="forbid")

    person_name: Short
    reason: Text
    criteria: list[Criterion] = Field(default=[], max_length=6)
    referred_by: Short = Field(description="who made the referral (person and agency)")
    case_id: uuid.UUID | None = None
    case_reference: Reference | None = None
    contact_notes: Text | None = None


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Decision
    criteria: list[Criterion] | None = Field(
        default=None, max_length=6, description="the criteria the PEO confirmed (accepting)"
    )
    decline_reason: DeclineReason | None = None
    note: Text | None = Field(default=None, description="the PEO's reason, kept in engagement")
    client_id: uuid.UUID | None = Field(
        default=None, description="an existing client this referral joins (accepting)"
    )

    @model_validator(mode="after")
    def _reasoned(self) -> DecisionIn:
        if self.decision is Decision.DECLINED and self.decline_reason is None:
            raise ValueError("a declined referral needs a decline_reason")
        if self.decision is Decision.DECLINED and self.client_id is not None:
            raise ValueError("a declined referral joins no client")
        return self


class ReferralOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    source: str
    case_id: uuid.UUID | None
    case_reference: str | None
    partner_name: str | None
    subject_name: str
    reason: str
    criteria: list[str]
    unrecognised_criteria: list[str]
    contact_notes: str | None
    requested_by: str
    status: str
    received_at: datetime
    decision_due_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None
    decline_reason: str | None
    decision_note: str | None
    within_standard: bool | None
    client_id: uuid.UUID | None


class ReferralView(ReferralOut):
    """A referral with the clients it might be about (same name), for the PEO to join."""

    possible_clients: list[uuid.UUID] = []


class CriterionOut(BaseModel):
    id: str
    text: str
