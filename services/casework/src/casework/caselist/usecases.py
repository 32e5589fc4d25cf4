"""Finding cases: with the list's filters, and an officer's own, the most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..cases.models import Case
from ..cases.store import staff
from ..standards.models import Standard
from ..standards.policy import StandardStatus
from .filters import OPEN, FindCases, filtered

__all__ = ["FindCases", "MyCases", "Urgency", "find_cases", "my_cases"]

_RUNNING = StandardStatus.RUNNING.value
_BREACHED = StandardStatus.BREACHED.value


async def find_cases(uow: UnitOfWork, query: FindCases) -> list[Case]:
    """Cases of the acting organisation, newest first, filtered."""
    statement = filtered(select(Case), query, staff(uow).organisation_id)
    if query.cursor:
        statement = statement.where(Case.id < query.cursor)
    return list(await uow.session.scalars(statement.order_by(Case.id.desc()).limit(query.limit)))


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
                Case.status.in_(OPEN),
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
