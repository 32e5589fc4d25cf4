"""The service standards an officer meets by hand: the team leader's review."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import Managers
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import NOT_FOUND, STAFF_ERRORS, ConfirmAsbIn
from ..casefile.schemas import CaseDetail
from ..cases.store import OnCase
from . import usecases

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.post("/v1/cases/{case_id}/manager-review", response_model=CaseDetail, responses=NOT_FOUND)
async def manager_review(
    case_id: uuid.UUID, body: ConfirmAsbIn, principal: Managers, work: WorkDep
) -> CaseDetail:
    """A team leader's monthly review of the case: it meets the review standard and starts the next."""
    async with work(principal) as uow:
        reviewed = await usecases.review_case(uow, OnCase(case_id, body.reason))
    return CaseDetail.of(reviewed)
