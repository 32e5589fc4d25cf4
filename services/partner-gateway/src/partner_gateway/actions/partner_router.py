"""Partners post updates and actions on shared cases, and make referrals."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from asb_shared.usecase import UnitOfWork
from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..agreements.rules import Scope
from ..credentials.caller import CALLER_ERRORS, PartnerCaller, partner_caller, partner_work
from ..idempotency.keys import IdempotencyKeyHeader
from ..protection.writes import partner_write
from .usecases import (
    PartnerRefers,
    PostCaseUpdate,
    PostUpdate,
    Refer,
    UpdatesOnCase,
    post_update,
    refer,
    updates_on_case,
)

router = APIRouter(
    prefix="/partner/v1",
    tags=["partner API: updates and referrals"],
    responses=CALLER_ERRORS | {404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)

Reader = Annotated[PartnerCaller, Depends(partner_caller(Scope.CASES_READ, "read"))]
Writer = Annotated[PartnerCaller, Depends(partner_caller(Scope.CASES_WRITE, "write"))]
Referrer = Annotated[PartnerCaller, Depends(partner_caller(Scope.REFERRALS_WRITE, "write"))]


class PostedOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID | None
    kind: str
    action: str | None
    text: str
    posted_by: str
    posted_at: datetime


@router.get("/cases/{case_id}/updates", response_model=list[PostedOut])
async def updates(case_id: uuid.UUID, caller: Reader, work: WorkDep) -> list[PostedOut]:
    """The updates and actions you posted on a case shared with you, oldest first."""
    async with partner_work(work, caller, "read", case_id) as uow:
        found = await updates_on_case(uow, UpdatesOnCase(caller, case_id))
        return [PostedOut.model_validate(row) for row in found]


@router.post("/cases/{case_id}/updates", status_code=201, response_model=PostedOut)
async def post(
    case_id: uuid.UUID,
    body: PostUpdate,
    caller: Writer,
    work: WorkDep,
    idempotency_key: IdempotencyKeyHeader,
) -> JSONResponse:
    """Post an update or an action taken on a case shared with you; it appears on the case's
    timeline with your organisation's name."""

    async def run(uow: UnitOfWork) -> tuple[BaseModel, uuid.UUID | None, uuid.UUID | None]:
        row = await post_update(uow, PostCaseUpdate(caller, case_id, body))
        return PostedOut.model_validate(row), case_id, row.agreement_id

    return await partner_write(
        work, caller, idempotency_key, body, run, case_id=case_id, path=f"updates:{case_id}"
    )


@router.post("/referrals", status_code=201, response_model=PostedOut)
async def referral(
    body: Refer, caller: Referrer, work: WorkDep, idempotency_key: IdempotencyKeyHeader
) -> JSONResponse:
    """Refer a person or a problem to the landlord (it becomes a report) or to the Positive
    Engagement Service (it becomes a referral there)."""

    async def run(uow: UnitOfWork) -> tuple[BaseModel, uuid.UUID | None, uuid.UUID | None]:
        row = await refer(uow, PartnerRefers(caller, body))
        return PostedOut.model_validate(row), row.case_id, row.agreement_id

    return await partner_write(work, caller, idempotency_key, body, run, path="referrals")
