"""Response bodies of cases, and the request body of unlinking a report."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from ..contacts.schemas import ComplainantOut
from ..fields import DecisionReason
from ..languages.reading import people_of
from ..languages.schemas import PersonOut
from ..lifecycle.state_machine import CaseStatus, allowed_commands
from .store import CaseWithReports


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


class CaseDetail(CaseSummary):
    not_asb_advice: str | None
    closure_reason: str | None
    contact_frequency_days: int | None
    allowed_commands: list[str]
    anonymous: bool
    complainants: list[ComplainantOut]
    """One contact record per named report (none for an anonymous one)."""
    reports: list[CaseReportOut]
    # What the landlord's policy asks to be recorded, and the version the case runs under.
    policy_version: int = 0
    protected_characteristics: list[str] = []
    subject_contact: str | None = None
    initial_response: str | None = None
    people: list[PersonOut] = []
    """The subjects and witnesses the reports name, with their language and interpreter needs."""

    @classmethod
    def of(cls, found: CaseWithReports) -> CaseDetail:
        """One case with its reports and the commands allowed now."""
        case = found.case
        return cls(
            **CaseSummary.model_validate(case).model_dump(),
            not_asb_advice=case.not_asb_advice,
            closure_reason=case.closure_reason,
            contact_frequency_days=case.contact_frequency_days,
            allowed_commands=[c.value for c in allowed_commands(CaseStatus(case.status))],
            anonymous=case.anonymous,
            complainants=[ComplainantOut.model_validate(c) for c in found.complainants],
            reports=[CaseReportOut.model_validate(r) for r in found.reports],
            policy_version=case.policy_version,
            protected_characteristics=list(case.protected_characteristics or []),
            subject_contact=case.subject_contact,
            initial_response=case.initial_response,
            people=[
                PersonOut.model_validate(p) for p in people_of(found.reports, found.language_needs)
            ],
        )


class MyCase(CaseSummary):
    next_due: NextDue | None
    breached: list[str]


class UnlinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: DecisionReason
