"""The practical support budget API: admins and team leaders set budgets, PEOs spend, team
leaders approve spends above the threshold."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth.groups import EngagementReaders, Managers, Peo, PeoOrLeader, TeamLeader
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep, settings_dependency
from fastapi import APIRouter, Depends, Path

from ..settings import EngagementSettings
from . import usecases
from .rules import SpendStatus
from .schemas import BudgetIn, BudgetOut, SpendDecisionIn, SpendIn, SpendOut

router = APIRouter(
    tags=["practical support budget"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 409, 422)},
)

Settings = Annotated[EngagementSettings, Depends(settings_dependency(EngagementSettings))]
Year = Annotated[int, Path(ge=2000, le=2100, description="financial year, named by its April")]


@router.put("/v1/budgets/{year}", response_model=BudgetOut)
async def set_budget(
    year: Year, body: BudgetIn, principal: Managers, work: WorkDep, settings: Settings
) -> BudgetOut:
    """Set a financial year's budget and its category allocations."""
    async with work(principal) as uow:
        return await usecases.set_budget(
            uow, usecases.SetBudget(year, body, settings.default_spend_approval_threshold)
        )


@router.post("/v1/budgets/{year}/close", response_model=BudgetOut)
async def close_budget(year: Year, principal: Managers, work: WorkDep) -> BudgetOut:
    async with work(principal) as uow:
        return await usecases.close_budget(uow, year)


@router.get("/v1/budgets/{year}", response_model=BudgetOut)
async def budget(year: Year, principal: EngagementReaders, work: WorkDep) -> BudgetOut:
    """Committed and remaining, in all and by category."""
    async with work(principal) as uow:
        return await usecases.budget_view(uow, year)


@router.get("/v1/budgets/{year}/spends", response_model=list[SpendOut])
async def spends(
    year: Year,
    # What was bought for whom says something of a client's needs: the service's own staff only.
    principal: PeoOrLeader,
    work: WorkDep,
    status: SpendStatus | None = None,
    client_id: uuid.UUID | None = None,
) -> list[SpendOut]:
    async with work(principal) as uow:
        rows = await usecases.spends(uow, usecases.ListSpends(year, status, client_id))
        return [SpendOut.model_validate(r) for r in rows]


@router.post("/v1/clients/{client_id}/spends", status_code=201, response_model=SpendOut)
async def spend(client_id: uuid.UUID, body: SpendIn, principal: Peo, work: WorkDep) -> SpendOut:
    """Record a spend for a client (above the threshold it waits for a team leader)."""
    async with work(principal) as uow:
        row = await usecases.record_spend(uow, usecases.RecordSpend(client_id, body))
        return SpendOut.model_validate(row)


@router.post("/v1/spends/{spend_id}/decision", response_model=SpendOut)
async def decide(
    spend_id: uuid.UUID, body: SpendDecisionIn, principal: TeamLeader, work: WorkDep
) -> SpendOut:
    """A team leader approves or refuses a spend above the threshold."""
    async with work(principal) as uow:
        row = await usecases.decide_spend(uow, usecases.DecideSpend(spend_id, body))
        return SpendOut.model_validate(row)
