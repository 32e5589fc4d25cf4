"""Action plans agreed with the complainant."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, STATUS_CONFLICT, add_listing, errors
from ..cases.store import OnCase
from . import usecases
from .models import ActionPlan
from .schemas import ActionPlanIn, ActionPlanOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(
    f"{CASE}/action-plans", status_code=201, response_model=ActionPlanOut, responses=STATUS_CONFLICT
)
async def agree_action_plan(
    case_id: uuid.UUID, body: ActionPlanIn, principal: CaseStaff, work: WorkDep
) -> ActionPlanOut:
    """Record the action plan agreed with the complainant, and how often they are contacted."""
    async with work(principal) as uow:
        row = await usecases.agree_action_plan(uow, OnCase(case_id, body))
    return ActionPlanOut.model_validate(row)


add_listing(router, "action-plans", ActionPlan, ActionPlanOut)
