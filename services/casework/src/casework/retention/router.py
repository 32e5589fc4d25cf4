"""Retention: legal holds (team leaders, admins), the dry run (admins), and the decision on a
person's request to erase or rectify their data (case staff)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from asb_shared.auth.groups import Admin, CaseStaff, Managers
from asb_shared.service import WorkDep
from fastapi import APIRouter, Query

from ..api import CASE, CONFLICT, NOT_FOUND, STAFF_ERRORS
from . import usecases
from .schemas import DataRequestIn, DataRequestOut, DueCaseOut, LegalHoldIn, LegalHoldOut

router = APIRouter(tags=["retention"], responses=STAFF_ERRORS | NOT_FOUND)


@router.put(f"{CASE}/legal-hold", response_model=LegalHoldOut, responses=CONFLICT)
async def place_legal_hold(
    case_id: uuid.UUID, body: LegalHoldIn, principal: Managers, work: WorkDep
) -> LegalHoldOut:
    """Hold the case (court proceedings): nothing of it is removed anywhere until lifted."""
    async with work(principal) as uow:
        hold = await usecases.place_legal_hold(uow, usecases.PlaceLegalHold(case_id, body.reason))
    return LegalHoldOut.model_validate(hold, from_attributes=True)


@router.post(f"{CASE}/legal-hold/lift", response_model=LegalHoldOut, responses=CONFLICT)
async def lift_legal_hold(
    case_id: uuid.UUID, body: LegalHoldIn, principal: Managers, work: WorkDep
) -> LegalHoldOut:
    """Lift the case's legal hold, with the reason: its retention applies again."""
    async with work(principal) as uow:
        hold = await usecases.lift_legal_hold(uow, usecases.LiftLegalHold(case_id, body.reason))
    return LegalHoldOut.model_validate(hold, from_attributes=True)


@router.get("/v1/retention/due", response_model=list[DueCaseOut])
async def due_on(
    on: Annotated[date, Query(ge=date(1990, 1, 1), le=date(2999, 12, 31))],
    principal: Admin,
    work: WorkDep,
) -> list[DueCaseOut]:
    """The dry run: the cases a run of the retention schedule on ``on`` removes, and how."""
    async with work(principal) as uow:
        due = await usecases.preview_expiries(uow, usecases.PreviewExpiries(on))
    return [DueCaseOut.model_validate(d, from_attributes=True) for d in due]


@router.post("/v1/data-requests", status_code=201, response_model=DataRequestOut)
async def decide_request(
    body: DataRequestIn, principal: CaseStaff, work: WorkDep
) -> DataRequestOut:
    """Record the decision on a person's request to erase or rectify their data, with the
    reason and the lawful basis when refusing; a granted request is carried out at once here
    and announced to every service."""
    async with work(principal) as uow:
        decided = await usecases.decide_request(
            uow,
            usecases.DecideRequest(
                body.kind,
                body.person_ids,
                body.decision,
                body.reason,
                body.refusal_basis,
                body.corrections,
            ),
        )
    return DataRequestOut.model_validate(decided, from_attributes=True)
