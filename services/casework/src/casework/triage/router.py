"""Triage decisions on a case."""

from __future__ import annotations

import uuid

from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CONFLICT, STAFF_ERRORS, Staff
from ..cases.schemas import CaseDetail
from ..cases.store import OnCase
from . import usecases
from .schemas import ConfirmAsbIn

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.post("/v1/cases/{case_id}/confirm-asb", response_model=CaseDetail, responses=CONFLICT)
async def confirm_asb(
    case_id: uuid.UUID, body: ConfirmAsbIn, principal: Staff, work: WorkDep
) -> CaseDetail:
    """Override triage's "may not be ASB" flag: the case goes on as ASB."""
    async with work(principal) as uow:
        confirmed = await usecases.confirm_asb(uow, OnCase(case_id, body.reason))
    return CaseDetail.of(confirmed)
