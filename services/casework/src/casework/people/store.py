"""Recognising complainants across cases in the database: their records, keys and staff's
merges, grouped by :mod:`casework.people.matching`'s rules."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..cases.models import Case, CaseReport, Complainant
from .matching import groups, normalised_name
from .models import PersonMerge


@dataclass(frozen=True)
class ComplainantReport:
    """A complainant record with the report it came through and the case it is on."""

    record_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    report_id: uuid.UUID
    report_reference: str
    received_at: datetime
    name: str | None
    email: str | None
    phone: str | None
    address: str | None
    case_address_key: str | None
    case_route: str | None
    case_risk: str
    categories: tuple[str, ...]
    keys: tuple[str, ...]
    """What recognises the person (:func:`casework.people.matching.record_keys`)."""

    @cached_property
    def household(self) -> str | None:
        """Where they live, normalised (for "households"), if known."""
        return normalised_name(self.address)


_COMPLAINANT_REPORTS = (
    select(
        Complainant.id,
        Case.id,
        Case.reference,
        CaseReport.report_id,
        CaseReport.report_reference,
        CaseReport.received_at,
        Complainant.name,
        Complainant.email,
        Complainant.phone,
        Complainant.address,
        Case.address_key,
        Case.priority_route,
        Case.risk_level,
        Case.categories,
        Complainant.person_keys,
    )
    .join(CaseReport, CaseReport.report_id == Complainant.report_id)
    .join(Case, Case.id == Complainant.case_id)
    .order_by(CaseReport.received_at, Complainant.id)
)
"""Built once (the Community Trigger reads it for every named report); narrowed per call."""


async def complainant_reports(
    session: AsyncSession, organisation_id: uuid.UUID, *where: ColumnElement[bool]
) -> list[ComplainantReport]:
    """The organisation's complainant records (optionally narrowed), oldest report first."""
    rows = await session.execute(
        _COMPLAINANT_REPORTS.where(Complainant.organisation_id == organisation_id, *where)
    )
    return [
        ComplainantReport(
            record_id=row[0],
            case_id=row[1],
            case_reference=row[2],
            report_id=row[3],
            report_reference=row[4],
            received_at=row[5],
            name=row[6],
            email=row[7],
            phone=row[8],
            address=row[9],
            case_address_key=row[10],
            case_route=row[11],
            case_risk=row[12],
            categories=tuple(row[13]),
            keys=tuple(row[14]),
        )
        for row in rows
    ]


async def live_merges(session: AsyncSession, organisation_id: uuid.UUID) -> list[tuple[str, str]]:
    """Staff's merges still in force, as pairs of record ids."""
    rows = await session.execute(
        select(PersonMerge.record_a, PersonMerge.record_b).where(
            PersonMerge.organisation_id == organisation_id, PersonMerge.unmerged_at.is_(None)
        )
    )
    return [(str(a), str(b)) for a, b in rows]


def person_of_records(
    records: Sequence[ComplainantReport], merges: Sequence[tuple[str, str]]
) -> dict[uuid.UUID, str]:
    """Each record's person: the smallest record id of the group it belongs to."""
    ids = {str(r.record_id): r.record_id for r in records}
    found = groups({text: list(r.keys) for r in records if (text := str(r.record_id))}, merges)
    person: dict[uuid.UUID, str] = {}
    for group in found:
        name = min(group)
        for record in group:
            person[ids.get(record) or uuid.UUID(record)] = name
    return person


async def connected_reports(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    record_ids: Sequence[uuid.UUID],
    keys: Sequence[str],
    since: datetime,
    until: datetime,
    merges: Sequence[tuple[str, str]],
    problem_of: Callable[[ComplainantReport], str],
) -> list[ComplainantReport]:
    """The complainant records received in [since, until] that decide who the given records'
    (and keys') people are and what the problems they reported add up to: everyone recognised
    as them (by shared keys or staff's merges, however far the chain goes), every record about
    a problem they reported, and everyone recognised as the makers of those. Grouping these with
    :func:`person_of_records` gives the same people as grouping every record in the period,
    found through indexes instead of reading the whole period on every report."""
    window = (CaseReport.received_at >= since, CaseReport.received_at <= until)
    partners: dict[str, set[str]] = {}
    for a, b in merges:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    found: dict[uuid.UUID, ComplainantReport] = {}

    asked: set[str] = set()

    async def close(ids: set[uuid.UUID], wanted: set[str]) -> None:
        """Adds everyone recognised through ``ids`` and ``wanted`` keys, until nothing new."""
        while ids or wanted:
            asked.update(wanted)
            rows = await complainant_reports(
                session,
                organisation_id,
                *window,
                or_(Complainant.id.in_(ids), Complainant.person_keys.overlap(sorted(wanted))),
            )
            new = [r for r in rows if r.record_id not in found]
            for row in new:
                found[row.record_id] = row
            ids = {
                uuid.UUID(p)
                for r in new
                for p in partners.get(str(r.record_id), ())
                if uuid.UUID(p) not in found
            }
            wanted = {k for r in new for k in r.keys} - asked

    await close(set(record_ids), set(keys))
    problems = {problem_of(r) for r in found.values()}
    addresses = sorted(p for p in problems if not p.startswith("case:"))
    cases = sorted(uuid.UUID(p.removeprefix("case:")) for p in problems if p.startswith("case:"))
    if addresses or cases:
        about = await complainant_reports(
            session,
            organisation_id,
            *window,
            or_(Case.address_key.in_(addresses), Case.id.in_(cases)),
        )
        about = [r for r in about if problem_of(r) in problems and r.record_id not in found]
        for row in about:
            found[row.record_id] = row
        await close(
            {uuid.UUID(p) for r in about for p in partners.get(str(r.record_id), ())} - set(found),
            {k for r in about for k in r.keys},
        )
    return sorted(found.values(), key=lambda r: (r.received_at, r.record_id))
