"""``GET /v1/search/cases``: search the caller's organisation's cases."""

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
from ..caselist.filters import FindCases
from ..cases.state_machine import CaseStatus
from .usecases import SearchCases, search_cases

router = APIRouter(tags=["search"], responses=STAFF_ERRORS)


@router.get("/v1/search/cases", response_model=Page[CaseSummary])
async def search(
    principal: CaseStaff,
    work: WorkDep,
    name: Annotated[
        Line | None,
        Query(
            min_length=1,
            max_length=200,
            description="a complainant's or subject's name; misspellings and initials allowed",
        ),
    ] = None,
    address: Annotated[
        Line | None, Query(min_length=1, max_length=200, description="part of an address")
    ] = None,
    postcode: Annotated[
        Line | None,
        Query(min_length=2, max_length=10, description="a postcode, its sector or its district"),
    ] = None,
    uprn: Annotated[str | None, Query(pattern=r"^\s*[0-9]{1,12}\s*$")] = None,
    reference: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z0-9-]{3,32}$", description="a case's or a report's reference"),
    ] = None,
    text: Annotated[
        Line | None,
        Query(min_length=1, max_length=500, description="words in the reports (full text)"),
    ] = None,
    status: CaseStatus | None = None,
    open_only: bool = False,
    officer_id: Annotated[str | None, Query(max_length=200)] = None,
    risk: Annotated[str | None, Query(pattern="^(standard|medium|high)$")] = None,
    category: AsbCategory | None = None,
    breached: bool | None = None,
    area: Annotated[str | None, Query(max_length=10)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[CaseSummary]:
    """Cases of the caller's organisation matching every criterion given, newest first."""
    command = SearchCases(
        FindCases(status, open_only, officer_id, risk, category, breached, area),
        name=name,
        address=address,
        postcode=postcode,
        uprn=uprn,
        reference=reference,
        text=text,
        limit=limit,
        cursor=cursor,
    )
    async with work(principal) as uow:
        rows = await search_cases(uow, command)
    return page_of(rows, limit, CaseSummary.model_validate, lambda c: c.id)
