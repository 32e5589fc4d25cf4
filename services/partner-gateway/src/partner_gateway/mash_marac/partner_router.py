"""The MASH or MARAC partner reads the referrals made to it and answers them."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from asb_shared.usecase import UnitOfWork
from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, RootModel

from ..agreements.rules import Scope
from ..audit.log import record
from ..credentials.caller import CALLER_ERRORS, PartnerCaller, partner_caller, partner_work
from ..idempotency.keys import IdempotencyKeyHeader
from ..protection.writes import partner_write
from .usecases import (
    Acknowledge,
    AcknowledgeReferral,
    RecordOutcome,
    RecordReferralOutcome,
    acknowledge,
    record_outcome,
    referrals_for,
)

router = APIRouter(
    prefix="/partner/v1/safeguarding-referrals",
    tags=["partner API: MASH and MARAC"],
    responses=CALLER_ERRORS | {404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}},
)

Reader = Annotated[PartnerCaller, Depends(partner_caller(Scope.SAFEGUARDING, "read"))]
Writer = Annotated[PartnerCaller, Depends(partner_caller(Scope.SAFEGUARDING, "write"))]


class ReferralOut(RootModel[dict[str, Any]]):
    pass


@router.get("", response_model=list[dict[str, Any]])
async def index(caller: Reader, work: WorkDep) -> list[dict[str, object]]:
    """Referrals made to you (details only if your agreement lists ``safeguarding``)."""
    async with partner_work(work, caller, "read") as uow:
        found = await referrals_for(uow, caller)
        for item in found:
            await record(
                uow.session,
                caller.who,
                action="read",
                resource=caller.resource,
                outcome="allowed",
                status_code=200,
                case_id=uuid.UUID(str(item["case_id"])),
                fields=sorted(item),
            )
    return found


@router.post("/{referral_id}/acknowledgement", response_model=dict[str, Any])
async def ack(
    referral_id: uuid.UUID,
    body: Acknowledge,
    caller: Writer,
    work: WorkDep,
    idempotency_key: IdempotencyKeyHeader,
) -> JSONResponse:
    async def run(uow: UnitOfWork) -> tuple[BaseModel, uuid.UUID | None, uuid.UUID | None]:
        command = AcknowledgeReferral(caller, referral_id, body.acknowledged_by)
        view = await acknowledge(uow, command)
        return ReferralOut(view), uuid.UUID(str(view["case_id"])), None

    return await partner_write(
        work, caller, idempotency_key, body, run, status_code=200, path=f"ack:{referral_id}"
    )


@router.post("/{referral_id}/outcome", response_model=dict[str, Any])
async def outcome(
    referral_id: uuid.UUID,
    body: RecordOutcome,
    caller: Writer,
    work: WorkDep,
    idempotency_key: IdempotencyKeyHeader,
) -> JSONResponse:
    async def run(uow: UnitOfWork) -> tuple[BaseModel, uuid.UUID | None, uuid.UUID | None]:
        command = RecordReferralOutcome(caller, referral_id, body.outcome)
        view = await record_outcome(uow, command)
        return ReferralOut(view), uuid.UUID(str(view["case_id"])), None

    return await partner_write(
        work, caller, idempotency_key, body, run, status_code=200, path=f"outcome:{referral_id}"
    )
