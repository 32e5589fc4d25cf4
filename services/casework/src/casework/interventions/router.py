"""Interventions on a case, and the legal actions counted year to date."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.service import WorkDep
from fastapi import APIRouter, Query

from ..api import CASE, STAFF_ERRORS, STATUS_CONFLICT, Staff, add_listing, errors
from ..cases.store import OnCase
from . import use_cases
from .models import Intervention
from .schemas import InterventionIn, InterventionOut, InterventionOutcomeIn, LegalCount

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(
    f"{CASE}/interventions",
    status_code=201,
    response_model=InterventionOut,
    responses=STATUS_CONFLICT,
)
async def record_intervention(
    case_id: uuid.UUID, body: InterventionIn, principal: Staff, work: WorkDep
) -> InterventionOut:
    """Record an intervention; legal ones are flagged. A working case moves to interventions."""
    async with work(principal) as uow:
        return await use_cases.record_intervention(uow, OnCase(case_id, body))


@router.patch(f"{CASE}/interventions/{{intervention_id}}", response_model=InterventionOut)
async def record_intervention_outcome(
    case_id: uuid.UUID,
    intervention_id: uuid.UUID,
    body: InterventionOutcomeIn,
    principal: Staff,
    work: WorkDep,
) -> InterventionOut:
    """Record (or correct) the outcome of an intervention."""
    async with work(principal) as uow:
        return await use_cases.record_outcome(
            uow, use_cases.RecordOutcome(case_id, intervention_id, body.outcome)
        )


@router.get("/v1/interventions/legal-count", response_model=LegalCount)
async def legal_count(
    principal: Staff,
    work: WorkDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> LegalCount:
    """Legal actions year to date for the caller's organisation (the published measure)."""
    async with work(principal) as uow:
        return await use_cases.count_legal_actions(uow, use_cases.CountLegalActions(year))


add_listing(router, "interventions", Intervention, InterventionOut)
