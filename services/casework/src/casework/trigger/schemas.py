"""Request and response bodies of the Community Trigger."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from asb_shared.types import PastInstant
from pydantic import Field

from ..fields import BriefReason, Name, Record, Short, Strict, Text

if TYPE_CHECKING:
    from .usecases import CaseTrigger


class DecisionIn(Strict):
    accepted: bool
    """Whether the threshold is met and a case review will be held."""
    reason: BriefReason


class MeetingIn(Strict):
    held_at: PastInstant
    attendees: list[Name] = Field(min_length=1, max_length=40)
    notes: Text | None = None


class RecommendationIn(Strict):
    action: Short
    owner: Name
    due_date: date


class RecommendationsIn(Strict):
    recommendations: list[RecommendationIn] = Field(min_length=1, max_length=50)


class OutcomeIn(Strict):
    outcome: Text


class AppealIn(Strict):
    grounds: Text
    """Why the applicant appeals, in their words (they are told it was received)."""
    received_at: PastInstant | None = None
    """When the appeal arrived (a letter, a call); now if not given."""


class AppealDecisionIn(Strict):
    upheld: bool
    reason: BriefReason
    """What the applicant is told."""


class ReviewOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID | None
    case_ids: list[uuid.UUID]
    applicant_name: str | None
    on_behalf_of: str | None
    consent_given: bool | None
    report_references: list[str]
    description: str
    received_at: datetime
    status: str
    eligible: bool
    eligibility: dict[str, Any]
    decision: str | None
    decision_reason: str | None
    decided_at: datetime | None
    decided_by: str | None
    meeting_at: datetime | None
    meeting_attendees: list[str]
    meeting_notes: str | None
    recommendations: list[dict[str, Any]]
    outcome: str | None
    outcome_at: datetime | None
    appealed_at: datetime | None = None
    appeal_grounds: str | None = None
    appeal_decision: str | None = None
    appeal_reason: str | None = None
    appeal_decided_at: datetime | None = None
    appeal_decided_by: str | None = None


class ReviewTimerOut(Record):
    """One of an application's timescales, on the landlord's working days."""

    kind: str
    """``case_review_decision``, ``case_review_meeting``, ``case_review_outcome`` or
    ``case_review_appeal``."""
    status: str
    """``running``, ``met``, ``breached`` or ``cancelled``."""
    started_at: datetime
    due_at: datetime
    warned_at: datetime | None
    met_at: datetime | None
    breached_at: datetime | None


class EligibilityOut(Record):
    id: uuid.UUID
    person_id: uuid.UUID
    rule: str
    problem: str
    counted: int
    met_at: datetime


class CaseTriggerOut(Record):
    """A case's Community Trigger flag: thresholds met by its complainants, and applications."""

    eligible: bool
    met: list[EligibilityOut]
    applications: list[ReviewOut]

    @classmethod
    def of(cls, found: CaseTrigger) -> CaseTriggerOut:
        return cls(
            eligible=bool(found.met),
            met=[EligibilityOut.model_validate(m) for m in found.met],
            applications=[ReviewOut.model_validate(a) for a in found.applications],
        )
