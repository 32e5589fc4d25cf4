"""Interventions on a case, the legal actions counted year to date, and the counts by
financial year."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter, Query

from ..api import CASE, STAFF_ERRORS, STATUS_CONFLICT, add_listing, errors
from ..cases.store import OnCase
from . import usecases
from .models import Intervention
from .schemas import (
    InterventionCountsOut,
    InterventionIn,
    InterventionOut,
    InterventionOutcomeIn,
    LegalCount,
)

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(
    f"{CASE}/interventions",
    status_code=201,
    response_model=InterventionOut,
    responses=STATUS_CONFLICT,
)
async def record_intervention(
    case_id: uuid.UUID, body: InterventionIn, principal: CaseStaff, work: WorkDep
) -> InterventionOut:
    """Record an intervention; legal ones are flagged. A working case moves to interventions."""
    async with work(principal) as uow:
        return await usecases.record_intervention(uow, OnCase(case_id, body))


@router.patch(f"{CASE}/interventions/{{intervention_id}}", response_model=InterventionOut)
async def record_intervention_outcome(
    case_id: uuid.UUID,
    intervention_id: uuid.UUID,
    body: InterventionOutcomeIn,
    principal: CaseStaff,
    work: WorkDep,
) -> InterventionOut:
    """Record (or correct) the outcome of an intervention."""
    async with work(principal) as uow:
        return await usecases.record_outcome(
            uow,
            usecases.RecordOutcome(case_id, intervention_id, body.outcome, body.mediation_result),
        )


@router.get("/v1/interventions/legal-count", response_model=LegalCount)
async def legal_count(
    principal: CaseStaff,
    work: WorkDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> LegalCount:
    """Legal actions year to date for the caller's organisation (the published measure)."""
    async with work(principal) as uow:
        return await usecases.count_legal_actions(uow, usecases.CountLegalActions(year))


@router.get("/v1/intervention-counts", response_model=InterventionCountsOut)
async def intervention_counts(
    principal: CaseStaff,
    work: WorkDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> InterventionCountsOut:
    """What the ASB strategies report counts for a financial year of the caller's organisation
    (``year``: the calendar year it starts in; the current one if not given), up to today:
    Community Protection Warnings, every intervention type, legal actions, mediation outcomes.
    The year starts in the month the organisation's policy settings say (April by default)."""
    async with work(principal) as uow:
        return await usecases.count_by_financial_year(uow, usecases.CountInterventions(year))


add_listing(router, "interventions", Intervention, InterventionOut)
