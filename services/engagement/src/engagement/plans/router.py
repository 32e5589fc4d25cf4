"""The support plan API: plans, reviews, actions and the work logged with the client (PEOs)."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import Peo
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter

from . import usecases
from .schemas import (
    ActionDoneIn,
    ActionOut,
    ActivityIn,
    ActivityOut,
    PlanIn,
    PlanOut,
    ReviewIn,
    ReviewOut,
)

router = APIRouter(
    prefix="/v1/clients/{client_id}",
    tags=["support plans"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 409, 422)},
)


@router.post("/plan", status_code=201, response_model=PlanOut)
async def agree_plan(client_id: uuid.UUID, body: PlanIn, principal: Peo, work: WorkDep) -> PlanOut:
    """Agree a support plan with the client (it supersedes the one before)."""
    async with work(principal) as uow:
        plan = await usecases.agree_plan(uow, usecases.AgreePlan(client_id, body))
        return await usecases.plan_view(uow, plan)


@router.get("/plan", response_model=PlanOut)
async def plan(client_id: uuid.UUID, principal: Peo, work: WorkDep) -> PlanOut:
    """The support plan in force, with its goals, actions and reviews (the read is audited)."""
    async with work(principal) as uow:
        return await usecases.current_plan(uow, client_id)


@router.post("/plan/reviews", status_code=201, response_model=ReviewOut)
async def review(client_id: uuid.UUID, body: ReviewIn, principal: Peo, work: WorkDep) -> ReviewOut:
    """A review held with the client; sets the next one."""
    async with work(principal) as uow:
        row = await usecases.review_plan(uow, usecases.ReviewPlan(client_id, body))
        return ReviewOut.model_validate(row)


@router.post("/plan/actions/{action_id}/done", response_model=ActionOut)
async def action_done(
    client_id: uuid.UUID, action_id: uuid.UUID, body: ActionDoneIn, principal: Peo, work: WorkDep
) -> ActionOut:
    async with work(principal) as uow:
        row = await usecases.complete_action(
            uow, usecases.CompleteAction(client_id, action_id, body)
        )
        return ActionOut.model_validate(row)


@router.post("/activities", status_code=201, response_model=ActivityOut)
async def log_activity(
    client_id: uuid.UUID, body: ActivityIn, principal: Peo, work: WorkDep
) -> ActivityOut:
    """Log a one-to-one contact, an accompanied appointment or a specialist referral."""
    async with work(principal) as uow:
        row = await usecases.log_activity(uow, usecases.LogActivity(client_id, body))
        return ActivityOut.model_validate(row)


@router.get("/activities", response_model=list[ActivityOut])
async def activities(client_id: uuid.UUID, principal: Peo, work: WorkDep) -> list[ActivityOut]:
    async with work(principal) as uow:
        rows = await usecases.activities_of(uow, client_id)
        return [ActivityOut.model_validate(r) for r in rows]
