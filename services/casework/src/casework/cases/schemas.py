"""Response bodies of cases, and the request body of unlinking a report."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from ..fields import DecisionReason
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
    # What the landlord's policy asks to be recorded, and the version the case runs under.
    policy_version: int = 0
    protected_characteristics: list[str] = []
    subject_contact: str | None = None
    initial_response: str | None = None

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
            complainant=ComplainantOut(
                name=case.complainant_name,
                email=case.complainant_email,
                phone=case.complainant_phone,
                preferred_channel=case.complainant_preferred_channel,
                anonymous=case.anonymous,
            ),
            reports=[CaseReportOut.model_validate(r) for r in found.reports],
            policy_version=case.policy_version,
            protected_characteristics=list(case.protected_characteristics or []),
            subject_contact=case.subject_contact,
            initial_response=case.initial_response,
        )


class MyCase(CaseSummary):
    next_due: NextDue | None
    breached: list[str]


class UnlinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: DecisionReason
