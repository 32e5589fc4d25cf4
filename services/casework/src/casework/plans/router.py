"""Action plans agreed with the complainant."""

from __future__ import annotations

import uuid

from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, STATUS_CONFLICT, Staff, errors
from ..cases.store import PageOnCase
from . import use_cases
from .schemas import ActionPlanIn, ActionPlanOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(
    f"{CASE}/action-plans", status_code=201, response_model=ActionPlanOut, responses=STATUS_CONFLICT
)
async def agree_action_plan(
    case_id: uuid.UUID, body: ActionPlanIn, principal: Staff, work: WorkDep
) -> ActionPlanOut:
    """Record the action plan agreed with the complainant, and how often they are contacted."""
    async with work(principal) as uow:
        row = await use_cases.agree_action_plan(uow, use_cases.AgreeActionPlan(case_id, body))
    return ActionPlanOut.model_validate(row)


@router.get(f"{CASE}/action-plans", response_model=Page[ActionPlanOut])
async def action_plans(
    case_id: uuid.UUID, principal: Staff, work: WorkDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[ActionPlanOut]:
    async with work(principal) as uow:
        rows = await use_cases.action_plans_on(uow, PageOnCase(case_id, limit, cursor))
    return page_of(rows, limit, ActionPlanOut.model_validate, lambda r: r.id)
