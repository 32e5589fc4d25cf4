"""Officers share cases with partners and stop sharing; administrators see the projection."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.auth.groups import Admin, CaseStaff
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep, WorkDep
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from .models import CaseProjection, CaseShare
from .usecases import (
    ShareCase,
    ShareCaseWith,
    StopSharing,
    StopSharingCase,
    share_case,
    shares_of_case,
    stop_sharing,
)

router = APIRouter(
    tags=["sharing"],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
)


class ShareOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    partner_id: uuid.UUID
    agreement_id: uuid.UUID
    reason: str
    shared_by: str
    shared_at: datetime
    stopped_at: datetime | None
    stopped_by: str | None
    stop_reason: str | None


@router.post("/v1/cases/{case_id}/shares", status_code=201, response_model=ShareOut)
async def share(
    case_id: uuid.UUID, body: ShareCase, principal: CaseStaff, work: WorkDep
) -> ShareOut:
    """Share a case with a partner under an agreement in force that covers its categories."""
    async with work(principal) as uow:
        command = ShareCaseWith(case_id, body.partner_id, body.agreement_id, body.reason)
        return ShareOut.model_validate(await share_case(uow, command))


@router.get("/v1/cases/{case_id}/shares", response_model=list[ShareOut])
async def shares(case_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> list[ShareOut]:
    async with work(principal) as uow:
        return [ShareOut.model_validate(s) for s in await shares_of_case(uow, case_id)]


@router.post("/v1/case-shares/{share_id}/stop", response_model=ShareOut)
async def stop(
    share_id: uuid.UUID, body: StopSharing, principal: CaseStaff, work: WorkDep
) -> ShareOut:
    """Stop sharing: the partner loses the case at once."""
    async with work(principal) as uow:
        command = StopSharingCase(share_id, body.reason)
        return ShareOut.model_validate(await stop_sharing(uow, command))


class SharedCaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: uuid.UUID
    case_reference: str
    status: str
    categories: list[str]
    version: int
    opened_at: datetime | None
    updated_at: datetime


@router.get("/v1/shared-cases", response_model=Page[SharedCaseOut])
async def shared_cases(
    principal: Admin, db: DbDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[SharedCaseOut]:
    """The caller's organisation's cases as the gateway holds them, newest first."""
    query = select(CaseProjection).where(
        CaseProjection.organisation_id == principal.organisation_id
    )
    if cursor:
        query = query.where(CaseProjection.case_id < cursor)
    async with db.sessions() as session:
        rows = list(
            (
                await session.scalars(query.order_by(CaseProjection.case_id.desc()).limit(limit))
            ).all()
        )
    return page_of(rows, limit, SharedCaseOut.model_validate, lambda c: c.case_id)


__all__ = ["CaseShare", "router"]
