"""A case's timeline: who did what, when and why."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import NOT_FOUND, STAFF_ERRORS
from ..cases.store import WhichCase
from . import usecases
from .schemas import TimelineOut

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.get("/v1/cases/{case_id}/timeline", response_model=list[TimelineOut], responses=NOT_FOUND)
async def timeline(case_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> list[TimelineOut]:
    """Everything that happened on the case, oldest first: who, when, what and why."""
    async with work(principal) as uow:
        rows = await usecases.timeline_of(uow, WhichCase(case_id))
    return [TimelineOut.model_validate(r) for r in rows]
