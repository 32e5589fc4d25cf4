"""The outcomes API: PEOs record outcomes; the measures are figures anyone on staff may read."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from asb_shared.auth.groups import LandlordStaff, Managers, Peo
from asb_shared.errors import ErrorResponse
from asb_shared.files import download
from asb_shared.service import WorkDep
from fastapi import APIRouter, Query
from fastapi.responses import Response

from . import usecases
from .measures import as_csv
from .schemas import EstimateIn, EstimateOut, MeasuresOut, OutcomeIn, OutcomeOut

router = APIRouter(
    tags=["outcomes and measures"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 409, 422)},
)


@router.post("/v1/clients/{client_id}/outcome", status_code=201, response_model=OutcomeOut)
async def record_outcome(
    client_id: uuid.UUID, body: OutcomeIn, principal: Peo, work: WorkDep
) -> OutcomeOut:
    """Record the outcome of the client's support (their record closes; the case is told)."""
    async with work(principal) as uow:
        row = await usecases.record_outcome(uow, usecases.RecordOutcome(client_id, body))
        return OutcomeOut.model_validate(row)


@router.get(
    "/v1/measures",
    response_model=MeasuresOut,
    responses={200: {"content": {"text/csv": {}}}},
)
async def measures(
    principal: LandlordStaff,
    work: WorkDep,
    period_from: Annotated[date, Query(alias="from")],
    period_to: Annotated[date, Query(alias="to")],
    format: Literal["json", "csv"] = "json",
) -> MeasuresOut | Response:
    """Clients supported, cases resolved, cases that avoided legal action and the legal spend
    avoided, for any period (``format=csv`` for a spreadsheet)."""
    async with work(principal) as uow:
        result, cost = await usecases.measure(uow, usecases.MeasurePeriod(period_from, period_to))
    if format == "csv":
        return download(
            as_csv(result).encode(),
            "text/csv; charset=utf-8",
            f"engagement-measures-{period_from}-{period_to}.csv",
        )
    return MeasuresOut(
        period_from=result.period_from,
        period_to=result.period_to,
        clients_supported=result.clients_supported,
        cases_resolved=result.cases_resolved,
        cases_avoided_legal_action=result.cases_avoided_legal_action,
        legal_spend_avoided=result.legal_spend_avoided,
        cost_per_action=cost,
        outcomes=result.outcomes,
    )


@router.put("/v1/legal-cost-estimate", response_model=EstimateOut)
async def set_estimate(body: EstimateIn, principal: Managers, work: WorkDep) -> EstimateOut:
    """The organisation's estimate of what one legal action costs (for legal spend avoided)."""
    async with work(principal) as uow:
        return EstimateOut(cost_per_action=await usecases.set_estimate(uow, body.cost_per_action))


@router.get("/v1/legal-cost-estimate", response_model=EstimateOut)
async def get_estimate(principal: LandlordStaff, work: WorkDep) -> EstimateOut:
    async with work(principal) as uow:
        return EstimateOut(cost_per_action=await usecases.estimate(uow, usecases.CostEstimate()))
