"""Finding cases: the list with its filters, and the caller's own."""

from __future__ import annotations

from typing import Annotated

from asb_shared.auth.groups import CaseStaff
from asb_shared.contracts.common import AsbCategory
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from asb_shared.types import Line
from fastapi import APIRouter, Query

from ..api import STAFF_ERRORS
from ..casefile.schemas import CaseSummary
from ..cases.state_machine import CaseStatus
from . import usecases as reading
from .schemas import MyCase, NextDue

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.get("/v1/cases", response_model=Page[CaseSummary])
async def cases(
    principal: CaseStaff,
    work: WorkDep,
    status: CaseStatus | None = None,
    open_only: bool = False,
    officer_id: Annotated[Line | None, Query(max_length=200)] = None,
    risk: Annotated[str | None, Query(pattern="^(standard|medium|high)$")] = None,
    category: AsbCategory | None = None,
    breached: bool | None = Query(
        None, description="only cases with (true) or without (false) a breached standard"
    ),
    warned: bool | None = Query(
        None,
        description="only cases with (true) or without (false) a standard due soon (running, "
        "warned by the standards clock a working day before it is due)",
    ),
    area: Annotated[
        Line | None, Query(max_length=10, description="patch (postcode district)")
    ] = None,
    report_reference: Annotated[Line | None, Query(max_length=32)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[CaseSummary]:
    """Cases of the caller's organisation, newest first, filtered."""
    query = reading.FindCases(
        status,
        open_only,
        officer_id,
        risk,
        category,
        breached,
        area,
        report_reference,
        limit,
        cursor,
        warned,
    )
    async with work(principal) as uow:
        rows = await reading.find_cases(uow, query)
    return page_of(rows, limit, CaseSummary.model_validate, lambda c: c.id)


@router.get("/v1/my-cases", response_model=list[MyCase])
async def my_cases(principal: CaseStaff, work: WorkDep) -> list[MyCase]:
    """The caller's open cases, the most urgent first: what is due next, and what has breached."""
    async with work(principal) as uow:
        found = await reading.my_cases(uow, reading.MyCases())
    return [
        MyCase(
            **CaseSummary.model_validate(u.case).model_dump(),
            next_due=NextDue(
                kind=u.next_due.kind,
                due_at=u.next_due.due_at,
                warned=u.next_due.warned_at is not None,
            )
            if u.next_due
            else None,
            breached=u.breached,
        )
        for u in found
    ]
