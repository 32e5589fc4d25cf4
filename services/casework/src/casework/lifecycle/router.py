"""Moving a case along its lifecycle."""

from __future__ import annotations

import uuid

from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CONFLICT, STAFF_ERRORS, Staff
from ..cases.schemas import CaseDetail
from ..cases.store import OnCase
from . import usecases
from .schemas import CommandIn

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.post("/v1/cases/{case_id}/commands", response_model=CaseDetail, responses=CONFLICT)
async def command(
    case_id: uuid.UUID, body: CommandIn, principal: Staff, work: WorkDep
) -> CaseDetail:
    """Move the case on: start an investigation, start interventions, or close it at triage as not
    ASB (the reason is the advice given). Other steps have their own endpoints, because they
    record more than a reason (assignment, action plan, closure, reopening)."""
    async with work(principal) as uow:
        moved = await usecases.take_step(uow, OnCase(case_id, body))
    return CaseDetail.of(moved)
