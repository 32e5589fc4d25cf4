"""Finding cases: with the list's filters, and an officer's own, the most urgent first."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from asb_shared.contracts import AsbCategory
from asb_shared.usecase import UnitOfWork
from sqlalchemy import Select, any_, exists, select

from ..cases.models import Case, CaseReport
from ..cases.state_machine import CLOSED_STATES, CaseStatus
from ..cases.store import staff
from ..standards.models import Standard
from ..standards.policy import StandardStatus

_OPEN = [s.value for s in CaseStatus if s not in CLOSED_STATES]
_RUNNING = StandardStatus.RUNNING.value
_BREACHED = StandardStatus.BREACHED.value
T = TypeVar("T")


@dataclass(frozen=True)
class FindCases:
    """Filters of the case list; every one optional."""

    status: CaseStatus | None = None
    open_only: bool = False
    officer_id: str | None = None
    risk: str | None = None
    category: AsbCategory | None = None
    breached: bool | None = None
    area: str | None = None
    report_reference: str | None = None
    limit: int = 50
    cursor: uuid.UUID | None = None


async def find_cases(uow: UnitOfWork, query: FindCases) -> list[Case]:
    """Cases of the acting organisation, newest first, filtered."""
    statement = filtered(select(Case), query, staff(uow).organisation_id)
    if query.cursor:
        statement = statement.where(Case.id < query.cursor)
    return list(await uow.session.scalars(statement.order_by(Case.id.desc()).limit(query.limit)))


def filtered(statement: Select[T], query: FindCases, organisation_id: uuid.UUID) -> Select[T]:
    """``statement`` over cases narrowed to the organisation's and to the list's filters (the
    case list and the search share them)."""
    statement = statement.where(Case.organisation_id == organisation_id)
    if query.status:
        statement = statement.where(Case.status == query.status.value)
    if query.open_only:
        statement = statement.where(Case.status.in_(_OPEN))
    if query.officer_id:
        statement = statement.where(Case.officer_id == query.officer_id)
    if query.risk:
        statement = statement.where(Case.risk_level == query.risk)
    if query.category:
        statement = statement.where(any_(Case.categories) == query.category.value)
    if query.area:
        statement = statement.where(Case.patch == query.area.upper())
    if query.breached is not None:
        has_breach = exists().where(Standard.case_id == Case.id, Standard.status == _BREACHED)
        statement = statement.where(has_breach if query.breached else ~has_breach)
    if query.report_reference:
        statement = statement.where(
            Case.id.in_(
                select(CaseReport.case_id).where(
                    CaseReport.report_reference == query.report_reference
                )
            )
        )
    return statement


@dataclass(frozen=True)
class Urgency:
    """An officer's open case with what is due next on it and what has breached."""

    case: Case
    next_due: Standard | None
    breached: list[str]


@dataclass(frozen=True)
class MyCases:
    """The acting officer's open cases."""


async def my_cases(uow: UnitOfWork, query: MyCases) -> list[Urgency]:
    """The acting officer's open cases, the most urgent first: breached ones, then by the next
    standard due."""
    principal = staff(uow)
    cases = list(
        await uow.session.scalars(
            select(Case).where(
                Case.organisation_id == principal.organisation_id,
                Case.officer_id == principal.subject,
                Case.status.in_(_OPEN),
            )
        )
    )
    standards = list(
        await uow.session.scalars(
            select(Standard)
            .where(
                Standard.case_id.in_([c.id for c in cases]),
                Standard.status.in_([_RUNNING, _BREACHED]),
            )
            .order_by(Standard.due_at)
        )
    )
    result = []
    for case in cases:
        own = [s for s in standards if s.case_id == case.id]
        running = [s for s in own if s.status == _RUNNING]
        result.append(
            Urgency(
                case,
                running[0] if running else None,
                [s.kind for s in own if s.status == _BREACHED],
            )
        )
    far = datetime.max.replace(tzinfo=uow.now().tzinfo)
    return sorted(result, key=lambda u: (not u.breached, u.next_due.due_at if u.next_due else far))
