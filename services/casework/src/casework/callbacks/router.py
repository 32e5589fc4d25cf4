"""Call-backs after closure, made by team leaders."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import TeamLeader
from asb_shared.service import WorkDep
from fastapi import APIRouter, Query

from ..api import CONFLICT, STAFF_ERRORS
from . import usecases
from .schemas import CallBackOut, CallBackResultIn

router = APIRouter(tags=["call-backs"], responses=STAFF_ERRORS)


@router.get("/v1/call-backs", response_model=list[CallBackOut])
async def call_backs_due(
    principal: TeamLeader, work: WorkDep, limit: int = Query(50, ge=1, le=200)
) -> list[CallBackOut]:
    """The call-backs not yet made, oldest first (team leaders' tasks)."""
    async with work(principal) as uow:
        rows = await usecases.call_backs_due(uow, usecases.Due(limit))
    return [CallBackOut.model_validate(r) for r in rows]


@router.post("/v1/call-backs/{call_back_id}/result", response_model=CallBackOut, responses=CONFLICT)
async def record_result(
    call_back_id: uuid.UUID, body: CallBackResultIn, principal: TeamLeader, work: WorkDep
) -> CallBackOut:
    """A team leader records what came of a call-back."""
    async with work(principal) as uow:
        row = await usecases.record_result(uow, usecases.RecordResult(call_back_id, body))
    return CallBackOut.model_validate(row)
