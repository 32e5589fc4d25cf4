"""The tenure of the home a case is about."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, NOT_FOUND, STAFF_ERRORS
from ..cases.store import OnCase
from . import usecases
from .schemas import TenureIn, TenureOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | NOT_FOUND)


@router.put(f"{CASE}/tenure", response_model=TenureOut)
async def record_tenure(
    case_id: uuid.UUID, body: TenureIn, principal: CaseStaff, work: WorkDep
) -> TenureOut:
    """Record the tenure of the home the case is about (measures report tenures apart)."""
    async with work(principal) as uow:
        case = await usecases.record_tenure(uow, OnCase(case_id, body))
    return TenureOut(case_id=case.id, tenure=case.tenure, version=case.version)
