"""The case list's filters, shared by the list and the search."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TypeVar

from asb_shared.contracts.common import AsbCategory
from sqlalchemy import Select, any_, exists, select

from ..cases.models import Case, CaseReport
from ..cases.state_machine import CLOSED_STATES, CaseStatus
from ..standards.models import Standard
from ..standards.policy import StandardStatus

OPEN = [s.value for s in CaseStatus if s not in CLOSED_STATES]
"""The statuses of a case still open."""
_BREACHED = StandardStatus.BREACHED.value
_RUNNING = StandardStatus.RUNNING.value
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
    warned: bool | None = None
    """Only cases with (True) or without (False) a standard due soon: running, and warned by the
    standards clock (a working day before it is due)."""


def filtered(statement: Select[T], query: FindCases, organisation_id: uuid.UUID) -> Select[T]:
    """``statement`` over cases narrowed to the organisation's and to the list's filters (the
    case list and the search share them)."""
    statement = statement.where(Case.organisation_id == organisation_id)
    if query.status:
        statement = statement.where(Case.status == query.status.value)
    if query.open_only:
        statement = statement.where(Case.status.in_(OPEN))
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
    if query.warned is not None:
        due_soon = exists().where(
            Standard.case_id == Case.id,
            Standard.status == _RUNNING,
            Standard.warned_at.is_not(None),
        )
        statement = statement.where(due_soon if query.warned else ~due_soon)
    if query.report_reference:
        statement = statement.where(
            Case.id.in_(
                select(CaseReport.case_id).where(
                    CaseReport.report_reference == query.report_reference
                )
            )
        )
    return statement
