"""Legal action on a case: proposed with the options tried, decided by a team leader, then
proceedings."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, CONFLICT, STAFF_ERRORS, add_listing
from ..cases.store import OnCase
from . import usecases
from .models import LegalAction
from .schemas import DecisionIn, LegalActionIn, LegalActionOut, ProceedingsIn
from .usecases import OnLegalAction

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | CONFLICT)

ONE = f"{CASE}/legal-actions/{{legal_action_id}}"


@router.post(f"{CASE}/legal-actions", status_code=201, response_model=LegalActionOut)
async def propose(
    case_id: uuid.UUID, body: LegalActionIn, principal: CaseStaff, work: WorkDep
) -> LegalActionOut:
    """Propose legal action, recording the options tried; it waits for a team leader."""
    async with work(principal) as uow:
        row = await usecases.propose(uow, OnCase(case_id, body))
    return LegalActionOut.model_validate(row)


@router.post(f"{ONE}/decision", response_model=LegalActionOut)
async def decide(
    case_id: uuid.UUID,
    legal_action_id: uuid.UUID,
    body: DecisionIn,
    principal: CaseStaff,
    work: WorkDep,
) -> LegalActionOut:
    """A team leader (not the proposer) approves or refuses the legal action."""
    async with work(principal) as uow:
        row = await usecases.decide(uow, OnLegalAction(case_id, legal_action_id, body))
    return LegalActionOut.model_validate(row)


@router.post(f"{ONE}/proceedings", response_model=LegalActionOut)
async def start_proceedings(
    case_id: uuid.UUID,
    legal_action_id: uuid.UUID,
    body: ProceedingsIn,
    principal: CaseStaff,
    work: WorkDep,
) -> LegalActionOut:
    """Proceedings start: 409 with the steps allowed until a team leader approved."""
    async with work(principal) as uow:
        row = await usecases.start_proceedings(uow, OnLegalAction(case_id, legal_action_id, body))
    return LegalActionOut.model_validate(row)


add_listing(router, "legal-actions", LegalAction, LegalActionOut)
