"""Moving a case along its lifecycle (``router``), and closing it, reopening it and the
attempts to corroborate an anonymous report (``closure_router``, under its own tag)."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, CONFLICT, STAFF_ERRORS, STATUS_CONFLICT, ConfirmAsbIn, add_listing, errors
from ..casefile.schemas import CaseDetail
from ..cases.store import OnCase
from . import usecases
from .models import CorroborationAttempt
from .schemas import (
    ClosureIn,
    ClosureOut,
    CommandIn,
    CorroborationIn,
    CorroborationOut,
    ReopenIn,
    ReopenOut,
)

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.post("/v1/cases/{case_id}/commands", response_model=CaseDetail, responses=CONFLICT)
async def command(
    case_id: uuid.UUID, body: CommandIn, principal: CaseStaff, work: WorkDep
) -> CaseDetail:
    """Move the case on: start an investigation, start interventions, or close it at triage as not
    ASB (the reason is the advice given). Other steps have their own endpoints, because they
    record more than a reason (assignment, action plan, closure, reopening)."""
    async with work(principal) as uow:
        moved = await usecases.take_step(uow, OnCase(case_id, body))
    return CaseDetail.of(moved)


@router.post("/v1/cases/{case_id}/confirm-asb", response_model=CaseDetail, responses=CONFLICT)
async def confirm_asb(
    case_id: uuid.UUID, body: ConfirmAsbIn, principal: CaseStaff, work: WorkDep
) -> CaseDetail:
    """Override triage's "may not be ASB" flag: the case goes on as ASB."""
    async with work(principal) as uow:
        confirmed = await usecases.confirm_asb(uow, OnCase(case_id, body.reason))
    return CaseDetail.of(confirmed)


closure_router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@closure_router.post(
    f"{CASE}/closure", status_code=201, response_model=ClosureOut, responses=STATUS_CONFLICT
)
async def close(
    case_id: uuid.UUID, body: ClosureIn, principal: CaseStaff, work: WorkDep
) -> ClosureOut:
    """Close the case with an outcome, after discussing it with the complainant (not anonymous).

    An anonymous case closes as ``information_only`` only after at least one corroboration
    attempt is recorded (409 ``corroboration_needed`` otherwise).

    Announces ``casework.case.closed``, which asks for the satisfaction survey.
    """
    async with work(principal) as uow:
        return await usecases.close_case(uow, OnCase(case_id, body))


@closure_router.post(
    f"{CASE}/reopen", status_code=201, response_model=ReopenOut, responses=STATUS_CONFLICT
)
async def reopen(
    case_id: uuid.UUID, body: ReopenIn, principal: CaseStaff, work: WorkDep
) -> ReopenOut:
    """Take a closed case up again; it behaves like an open one and keeps its officer."""
    async with work(principal) as uow:
        return await usecases.reopen_case(uow, OnCase(case_id, body.reason))


@closure_router.post(
    f"{CASE}/corroboration-attempts", status_code=201, response_model=CorroborationOut
)
async def record_corroboration(
    case_id: uuid.UUID, body: CorroborationIn, principal: CaseStaff, work: WorkDep
) -> CorroborationOut:
    """Record an attempt to corroborate the report (patrol, CCTV, other reports, door-knocking,
    other): what was done, when, and what it found."""
    async with work(principal) as uow:
        row = await usecases.record_corroboration(uow, OnCase(case_id, body))
    return CorroborationOut.model_validate(row)


add_listing(closure_router, "corroboration-attempts", CorroborationAttempt, CorroborationOut)
