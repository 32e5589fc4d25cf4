"""One case in full, as officers read it."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import NOT_FOUND, STAFF_ERRORS
from ..reads.recording import ReadingCase
from ..reads.router import ReadReason
from . import usecases
from .schemas import CaseDetail

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.get("/v1/cases/{case_id}", response_model=CaseDetail, responses=NOT_FOUND)
async def case(
    case_id: uuid.UUID, principal: CaseStaff, work: WorkDep, reason: ReadReason = None
) -> CaseDetail:
    """One case with its reports and the commands allowed now. Another organisation's case is
    simply not found. A case on the domestic-abuse, hate or safeguarding route is a sensitive
    read: who read it, when and why (``X-Read-Reason``) goes to the read audit."""
    async with work(principal) as uow:
        found = await usecases.read_case(uow, ReadingCase(case_id, reason))
    return CaseDetail.of(found)
