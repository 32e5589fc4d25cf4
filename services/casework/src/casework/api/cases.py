"""The officers' case API."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth import Principal, Role, require_roles
from asb_shared.errors import ApiError, ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep
from fastapi import APIRouter, Depends, Query

from ..cases import get_case, list_cases, reports_of
from ..schemas import CaseDetail, CaseReportOut, CaseSummary, ComplainantOut

router = APIRouter(
    prefix="/v1/cases",
    tags=["cases"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)

Staff = Annotated[Principal, Depends(require_roles(Role.OFFICER, Role.TEAM_LEADER, Role.ADMIN))]


@router.get("", response_model=Page[CaseSummary])
async def cases(
    principal: Staff,
    db: DbDep,
    status: Annotated[str | None, Query(max_length=30)] = None,
    report_reference: Annotated[str | None, Query(max_length=32)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[CaseSummary]:
    """Cases of the caller's organisation, newest first."""
    async with db.sessions() as session:
        rows = await list_cases(
            session,
            principal.organisation_id,
            status=status,
            report_reference=report_reference,
            limit=limit,
            cursor=cursor,
        )
    return page_of(rows, limit, CaseSummary.model_validate, lambda c: c.id)


@router.get("/{case_id}", response_model=CaseDetail, responses={404: {"model": ErrorResponse}})
async def case(case_id: uuid.UUID, principal: Staff, db: DbDep) -> CaseDetail:
    """One case with its reports. Another organisation's case is simply not found."""
    async with db.sessions() as session:
        found = await get_case(session, principal.organisation_id, case_id)
        if found is None:
            raise ApiError(404, "not_found", "No such case.")
        reports = await reports_of(session, found.id)
    return CaseDetail(
        **CaseSummary.model_validate(found).model_dump(),
        complainant=ComplainantOut(
            name=found.complainant_name,
            email=found.complainant_email,
            phone=found.complainant_phone,
            preferred_channel=found.complainant_preferred_channel,
            anonymous=found.anonymous,
        ),
        reports=[CaseReportOut.model_validate(r) for r in reports],
    )
