"""Response and request bodies of people and places across cases."""

from __future__ import annotations

import uuid
from datetime import datetime

from ..fields import BriefReason, Record, Strict


class CaseSeenOut(Record):
    case_id: uuid.UUID
    reference: str
    status: str
    risk_level: str
    categories: list[str]
    opened_at: datetime
    closed_at: datetime | None


class PersonHistoryOut(Record):
    records: list[uuid.UUID]
    """The complainant records (person ids) recognised as this person."""
    cases: list[CaseSeenOut]


class ComplainantAcrossOut(Record):
    person_id: uuid.UUID
    name: str | None
    other_cases: list[CaseSeenOut]
    repeat: bool
    high_risk: bool


class SharedOut(Record):
    key: str
    other_cases: list[CaseSeenOut]


class CasePeopleOut(Record):
    complainants: list[ComplainantAcrossOut]
    subjects: list[SharedOut]
    address: SharedOut | None
    flags: list[str]
    """repeat_complainant, high_risk_complainant, repeat_subject, hotspot_address"""


class MergeIn(Strict):
    person_id: uuid.UUID
    same_as: uuid.UUID
    reason: BriefReason


class MergeOut(Record):
    id: uuid.UUID
    record_a: uuid.UUID
    record_b: uuid.UUID
    reason: str
    merged_by: str
    merged_at: datetime
    unmerged_by: str | None
    unmerged_at: datetime | None
