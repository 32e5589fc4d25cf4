from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .lifecycle import CaseCommand
from .risk import QuestionSet

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=2000)]


class CaseReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    report_id: uuid.UUID
    report_reference: str
    channel: str
    description: str
    occurred_at: datetime
    received_at: datetime
    link_reason: str | None


class NextDue(BaseModel):
    kind: str
    due_at: datetime
    warned: bool


class CaseSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reference: str
    status: str
    version: int
    categories: list[str]
    summary: str
    location: str | None
    patch: str | None
    priority_route: str | None
    may_not_be_asb: bool
    risk_level: str
    officer_id: str | None
    officer_name: str | None
    outcome: str | None
    opened_at: datetime
    closed_at: datetime | None
    acknowledged_at: datetime | None
    acknowledgement_failed: bool
    updated_at: datetime


class ComplainantOut(BaseModel):
    name: str | None
    email: str | None
    phone: str | None
    preferred_channel: str | None
    anonymous: bool


class CaseDetail(CaseSummary):
    not_asb_advice: str | None
    closure_reason: str | None
    contact_frequency_days: int | None
    allowed_commands: list[str]
    complainant: ComplainantOut
    reports: list[CaseReportOut]


class MyCase(CaseSummary):
    next_due: NextDue | None
    breached: list[str]


class TimelineOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: datetime
    actor: str
    kind: str
    summary: str
    data: dict[str, Any]


class CommandIn(BaseModel):
    """A lifecycle step that needs nothing but a reason (others have their own endpoints)."""

    model_config = ConfigDict(extra="forbid")

    command: CaseCommand
    reason: Reason | None = None


class ConfirmAsbIn(BaseModel):
    """A decision that needs only its reason (confirming ASB, a manager's review notes)."""

    model_config = ConfigDict(extra="forbid")

    reason: Reason


class AssignmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    officer_id: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    reason: Reason


class RiskAssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, str] = Field(min_length=1, max_length=40)


class RiskAssessmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    question_set_version: int
    answers: dict[str, str]
    score: int
    level: str
    assessed_by: str
    assessed_at: datetime


class UnlinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class OfficerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    patches: list[
        Annotated[
            str,
            StringConstraints(
                strip_whitespace=True, to_upper=True, pattern=r"^[A-Z]{1,2}[0-9][A-Z0-9]?$"
            ),
        ]
    ] = Field(default_factory=list, max_length=50)
    active: bool = True


class OfficerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    subject: str
    name: str
    patches: list[str]
    active: bool


class QuestionSetOut(BaseModel):
    version: int
    definition: QuestionSet
