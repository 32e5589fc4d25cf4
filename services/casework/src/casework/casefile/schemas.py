"""A case as officers read it, in full or as a line of a list."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.contracts.common import ContactPreferences
from pydantic import BaseModel, ConfigDict, Field

from ..cases.state_machine import CaseStatus, allowed_commands
from ..fields import Record
from ..languages.reading import people_of
from ..languages.schemas import PersonOut
from ..markers.schemas import MarkerOut
from .store import CaseWithReports


class ComplainantOut(Record):
    """A complainant's contact record as staff see it (with the note and code word)."""

    person_id: uuid.UUID = Field(validation_alias="id")
    case_id: uuid.UUID
    report_id: uuid.UUID
    report_reference: str
    name: str | None
    email: str | None
    phone: str | None
    address: str | None
    preferences: ContactPreferences
    note: str | None
    code_word: str | None
    version: int
    added_at: datetime
    updated_at: datetime


class CaseReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    report_id: uuid.UUID
    report_reference: str
    channel: str
    description: str
    occurred_at: datetime
    received_at: datetime
    link_reason: str | None


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
    tenure: str = "unknown"
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
    subject_keys: list[str] = []
    """The keys the case's subjects are recognised by (a warning marker names one)."""
    warning_markers: list[MarkerOut] = []
    """On the case's address and subjects, raised on this case or another; the reason only
    for the roles each marker names."""

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
            subject_keys=list(case.subject_keys or []),
            warning_markers=found.warning_markers,
        )
