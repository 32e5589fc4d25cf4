"""People and places across cases: a person's or a place's history, what a case shares with
others (repeat victims, repeat subjects, hotspot addresses), and staff's merges.

A complainant is found across cases by :mod:`casework.people.matching`'s keys (kept with each
report in ``report_index``), followed from record to record (Jo's email leads to a report that
also gives her phone, which leads to another), and through staff's merges.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from asb_shared.contracts.common import Location, Person
from asb_shared.usecase import Conflict, Invalid, NotFound, UnitOfWork
from sqlalchemy import any_, or_, select

from ..cases.index import ReportIndex
from ..cases.models import Case, Complainant
from ..cases.store import WhichCase, case_to_read, staff
from ..risk.scoring import RiskLevel
from ..timeline.recording import acting
from ..triage.matching import address_key, subject_keys
from .models import PersonMerge

MAX_HOPS = 6
"""How far a person is followed from record to record (keys and merges)."""
HIGH = RiskLevel.HIGH.value


@dataclass(frozen=True)
class CaseSeen:
    """A case in a person's or a place's history."""

    case_id: uuid.UUID
    reference: str
    status: str
    risk_level: str
    categories: list[str]
    opened_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class PersonHistory:
    records: list[uuid.UUID]
    """The complainant records recognised as this person."""
    keys: list[str]
    cases: list[CaseSeen]


def _seen(case: Case) -> CaseSeen:
    return CaseSeen(
        case.id,
        case.reference,
        case.status,
        case.risk_level,
        list(case.categories),
        case.opened_at,
        case.closed_at,
    )


async def _person(uow: UnitOfWork, organisation_id: uuid.UUID, start: Complainant) -> PersonHistory:
    session = uow.session
    records = {start.id}
    keys: set[str] = set()
    report_ids = {start.report_id}
    for _ in range(MAX_HOPS):
        rows = list(
            await session.execute(
                select(ReportIndex.report_id, ReportIndex.person_keys).where(
                    ReportIndex.organisation_id == organisation_id,
                    or_(
                        ReportIndex.report_id.in_(report_ids),
                        ReportIndex.person_keys.overlap(sorted(keys)),
                    ),
                )
            )
        )
        new_keys = keys | {k for _, ks in rows for k in ks}
        new_reports = report_ids | {r for r, _ in rows}
        found = set(
            await session.scalars(
                select(Complainant.id).where(
                    Complainant.organisation_id == organisation_id,
                    Complainant.report_id.in_(new_reports),
                )
            )
        )
        merged = await session.execute(
            select(PersonMerge.record_a, PersonMerge.record_b).where(
                PersonMerge.organisation_id == organisation_id,
                PersonMerge.unmerged_at.is_(None),
                or_(PersonMerge.record_a.in_(found), PersonMerge.record_b.in_(found)),
            )
        )
        found |= {r for pair in merged for r in pair}
        new_reports |= set(
            await session.scalars(select(Complainant.report_id).where(Complainant.id.in_(found)))
        )
        if new_keys == keys and new_reports == report_ids and found == records:
            break
        keys, report_ids, records = new_keys, new_reports, found
    cases = await session.scalars(
        select(Case)
        .where(
            Case.organisation_id == organisation_id,
            Case.id.in_(select(Complainant.case_id).where(Complainant.id.in_(records))),
        )
        .order_by(Case.opened_at, Case.id)
    )
    return PersonHistory(sorted(records), sorted(keys), [_seen(c) for c in cases])


async def _complainant(uow: UnitOfWork, record_id: uuid.UUID) -> Complainant:
    row = await uow.session.scalar(
        select(Complainant).where(
            Complainant.id == record_id,
            Complainant.organisation_id == staff(uow).organisation_id,
        )
    )
    if row is None:
        raise NotFound("No such person.")
    return row


@dataclass(frozen=True)
class PersonOf:
    person_id: uuid.UUID
    """A complainant record's id (``ContactRecord.person_id``)."""


async def person_history(uow: UnitOfWork, query: PersonOf) -> PersonHistory:
    """Every case the person behind a complainant record was a complainant on, oldest first."""
    start = await _complainant(uow, query.person_id)
    return await _person(uow, staff(uow).organisation_id, start)


async def _cases_where(uow: UnitOfWork, *where: object) -> list[CaseSeen]:
    cases = await uow.session.scalars(
        select(Case)
        .where(Case.organisation_id == staff(uow).organisation_id, *where)  # type: ignore[arg-type]
        .order_by(Case.opened_at, Case.id)
        .limit(500)
    )
    return [_seen(c) for c in cases]


@dataclass(frozen=True)
class PlaceOf:
    uprn: str | None = None
    address: str | None = None
    postcode: str | None = None


async def place_history(uow: UnitOfWork, query: PlaceOf) -> list[CaseSeen]:
    """Every case about one place (by UPRN, or address and postcode), oldest first."""
    key = address_key(Location(uprn=query.uprn, address=query.address, postcode=query.postcode))
    if key is None:
        raise Invalid.at("uprn", "give a UPRN, or an address (with its postcode)")
    return await _cases_where(uow, Case.address_key == key)


@dataclass(frozen=True)
class SubjectOf:
    name: str
    address: str | None = None


async def subject_history(uow: UnitOfWork, query: SubjectOf) -> list[CaseSeen]:
    """Every case about one subject (normalised name, and address when given), oldest first."""
    keys = subject_keys([Person(name=query.name, address=query.address)])
    if not keys:
        raise Invalid.at("name", "give a name of at least three letters")
    return await _cases_where(uow, Case.subject_keys.overlap(keys))


@dataclass(frozen=True)
class ComplainantAcross:
    person_id: uuid.UUID
    name: str | None
    other_cases: list[CaseSeen]
    repeat: bool
    high_risk: bool


@dataclass(frozen=True)
class Shared:
    key: str
    other_cases: list[CaseSeen]


@dataclass(frozen=True)
class CasePeople:
    complainants: list[ComplainantAcross]
    subjects: list[Shared]
    address: Shared | None
    flags: list[str] = field(default_factory=list)


async def case_people(uow: UnitOfWork, query: WhichCase) -> CasePeople:
    """What a case shares with the organisation's other cases: repeat victims (a complainant on
    another case), repeat subjects, a hotspot address; and its flags (a repeat or high-risk
    complainant gets the extra support promised to them)."""
    case = await case_to_read(uow, query.case_id)
    organisation_id = case.organisation_id
    complainants = list(
        await uow.session.scalars(
            select(Complainant)
            .where(Complainant.case_id == case.id)
            .order_by(Complainant.added_at, Complainant.id)
        )
    )
    across = []
    for row in complainants:
        history = await _person(uow, organisation_id, row)
        others = [c for c in history.cases if c.case_id != case.id]
        across.append(
            ComplainantAcross(
                row.id,
                row.name,
                others,
                repeat=bool(others),
                high_risk=case.risk_level == HIGH or any(c.risk_level == HIGH for c in others),
            )
        )
    subjects = []
    for key in case.subject_keys:
        others = await _cases_where(uow, any_(Case.subject_keys) == key, Case.id != case.id)
        subjects.append(Shared(key, others))
    address = None
    if case.address_key:
        address = Shared(
            case.address_key,
            await _cases_where(uow, Case.address_key == case.address_key, Case.id != case.id),
        )
    flags = []
    if any(c.repeat for c in across):
        flags.append("repeat_complainant")
    if any(c.high_risk for c in across):
        flags.append("high_risk_complainant")
    if any(s.other_cases for s in subjects):
        flags.append("repeat_subject")
    if address is not None and address.other_cases:
        flags.append("hotspot_address")
    return CasePeople(across, subjects, address, flags)


@dataclass(frozen=True)
class Merge:
    person_id: uuid.UUID
    same_as: uuid.UUID
    reason: str


async def merge(uow: UnitOfWork, command: Merge) -> PersonMerge:
    """An officer says two complainant records are the same person."""
    if command.person_id == command.same_as:
        raise Invalid.at("same_as", "a person is already the same as themselves")
    a = await _complainant(uow, command.person_id)
    b = await _complainant(uow, command.same_as)
    first, second = sorted([a.id, b.id])
    existing = await uow.session.scalar(
        select(PersonMerge).where(
            PersonMerge.organisation_id == a.organisation_id,
            PersonMerge.record_a == first,
            PersonMerge.record_b == second,
            PersonMerge.unmerged_at.is_(None),
        )
    )
    if existing is not None:
        raise Conflict("These records are already merged.", code="already_merged")
    row = PersonMerge(
        organisation_id=a.organisation_id,
        record_a=first,
        record_b=second,
        reason=command.reason,
        merged_by=acting(uow),
        merged_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    return row


@dataclass(frozen=True)
class Unmerge:
    merge_id: uuid.UUID


async def unmerge(uow: UnitOfWork, command: Unmerge) -> PersonMerge:
    """Undo a merge: the two records are separate people again (unless the rules match them)."""
    row = await uow.session.scalar(
        select(PersonMerge)
        .where(
            PersonMerge.id == command.merge_id,
            PersonMerge.organisation_id == staff(uow).organisation_id,
        )
        .with_for_update()
    )
    if row is None:
        raise NotFound("No such merge.")
    if row.unmerged_at is not None:
        raise Conflict("This merge was already undone.", code="already_unmerged")
    row.unmerged_at = uow.now()
    row.unmerged_by = acting(uow)
    return row
