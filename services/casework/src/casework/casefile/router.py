"""One case in full, as officers read it."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import NOT_FOUND, STAFF_ERRORS
from ..cases.store import WhichCase
from . import usecases
from .schemas import CaseDetail

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.get("/v1/cases/{case_id}", response_model=CaseDetail, responses=NOT_FOUND)
async def case(case_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> CaseDetail:
    """One case with its reports and the commands allowed now. Another organisation's case is
    simply not found."""
    async with work(principal) as uow:
        found = await usecases.read_case(uow, WhichCase(case_id))
    return CaseDetail.of(found)
