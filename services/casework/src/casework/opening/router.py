"""Taking a report that was linked automatically back out of its case."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CONFLICT, STAFF_ERRORS
from ..casefile.schemas import CaseDetail
from . import usecases as opening
from .schemas import UnlinkIn

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.post(
    "/v1/cases/{case_id}/reports/{report_id}/unlink",
    status_code=201,
    response_model=CaseDetail,
    responses=CONFLICT,
)
async def unlink(
    case_id: uuid.UUID, report_id: uuid.UUID, body: UnlinkIn, principal: CaseStaff, work: WorkDep
) -> CaseDetail:
    """Take a report that was linked automatically out of the case; it opens a case of its own."""
    async with work(principal) as uow:
        opened = await opening.unlink_report(
            uow, opening.UnlinkReport(case_id, report_id, body.reason)
        )
    return CaseDetail.of(opened)
