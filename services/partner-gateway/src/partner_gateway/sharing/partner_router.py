"""Partners read the cases shared with them, redacted to their agreement."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from asb_shared.pagination import Cursor, Limit
from asb_shared.service import WorkDep
from fastapi import APIRouter, Depends
from pydantic import BaseModel

from ..agreements.rules import Scope
from ..credentials.caller import CALLER_ERRORS, PartnerCaller, partner_caller, partner_work
from .usecases import ListSharedCases, ReadSharedCase, list_shared_cases, read_shared_case

router = APIRouter(prefix="/partner/v1", tags=["partner API: cases"], responses=CALLER_ERRORS)

Reader = Annotated[PartnerCaller, Depends(partner_caller(Scope.CASES_READ, "read"))]


class PartnerCase(BaseModel):
    """A shared case: ``case_id`` always; every other field only if the agreement gives it
    (absent otherwise; ``withheld`` names them)."""

    case_id: uuid.UUID
    reference: str | None = None
    status: str | None = None
    categories: list[str] | None = None
    opened_at: str | None = None
    officer: str | None = None
    reports: list[str] | None = None
    outcome: dict[str, Any] | None = None
    priority_route: str | None = None
    complainant_name: list[str] | None = None
    complainant_contact: list[dict[str, Any]] | None = None
    safeguarding: list[dict[str, Any]] | None = None
    engagement: list[dict[str, Any]] | None = None
    warning_markers: list[dict[str, Any]] | None = None
    """Label, ``about`` and review date of each marker on the case's address and subjects."""
    withheld: list[str] = []


class PartnerCasePage(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: uuid.UUID | None = None


@router.get("/cases", response_model=PartnerCasePage)
async def cases(
    caller: Reader, work: WorkDep, limit: Limit = 50, cursor: Cursor = None
) -> PartnerCasePage:
    """The cases shared with you under agreements in force, most recently shared first.
    Each item has the shape of ``PartnerCase``."""
    async with partner_work(work, caller, "read") as uow:
        command = ListSharedCases(caller, limit, cursor)
        served, next_cursor = await list_shared_cases(uow, command)
    return PartnerCasePage(
        items=[{**r.data, "withheld": list(r.withheld)} for r in served], next_cursor=next_cursor
    )


@router.get(
    "/cases/{case_id}",
    response_model=PartnerCase,
    response_model_exclude_unset=True,
    responses={404: {"description": "not shared with you (or no such case)"}},
)
async def case(case_id: uuid.UUID, caller: Reader, work: WorkDep) -> PartnerCase:
    """One shared case, redacted to your agreement. Every read is audited."""
    async with partner_work(work, caller, "read", case_id) as uow:
        shown = await read_shared_case(uow, ReadSharedCase(caller, case_id))
    return PartnerCase.model_validate({**shown.data, "withheld": list(shown.withheld)})
