"""Recognising complainants across cases in the database: their records, keys and staff's
merges, grouped by :mod:`casework.people.matching`'s rules."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..cases.models import Case, CaseReport
from ..contacts.models import Complainant
from .matching import groups, normalised_name, person_keys, postcode_in
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

    @cached_property
    def keys(self) -> list[str]:
        return person_keys(self.name, self.email, self.phone, postcode_in(self.address))

    @cached_property
    def household(self) -> str | None:
        """Where they live, normalised (for "households"), if known."""
        return normalised_name(self.address)


async def complainant_reports(
    session: AsyncSession, organisation_id: uuid.UUID, *where: ColumnElement[bool]
) -> list[ComplainantReport]:
    """The organisation's complainant records (optionally narrowed), oldest report first."""
    rows = await session.execute(
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
        )
        .join(CaseReport, CaseReport.report_id == Complainant.report_id)
        .join(Case, Case.id == Complainant.case_id)
        .where(Complainant.organisation_id == organisation_id, *where)
        .order_by(CaseReport.received_at, Complainant.id)
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
    found = groups({str(r.record_id): r.keys for r in records}, merges)
    person: dict[uuid.UUID, str] = {}
    for group in found:
        name = min(group)
        for record in group:
            person[ids[record]] = name
    return person
