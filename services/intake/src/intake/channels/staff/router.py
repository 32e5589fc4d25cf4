"""Reports staff key in from a phone call, a letter or a visit."""

from __future__ import annotations

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ...idempotency.edge import IdempotencyHeader, fingerprint, replayed, retryable
from ...idempotency.keys import Replay
from ...reports.links import reporter_links
from ...reports.schemas import ReportAccepted
from ...settings import Settings
from ..errors import CHANNEL_ERRORS
from .schemas import StaffReportIn
from .usecases import KeyInReport, key_in_report

router = APIRouter(tags=["channels"], responses=CHANNEL_ERRORS)


def _scope(organisation_id: object) -> str:
    return f"POST /v1/staff/reports {organisation_id}"


@router.post("/v1/staff/reports", status_code=201, response_model=ReportAccepted)
async def staff_report(
    body: StaffReportIn,
    principal: CaseStaff,
    work: WorkDep,
    settings: Settings,
    idempotency_key: IdempotencyHeader = None,
) -> ReportAccepted | JSONResponse:
    """A report taken by phone, by letter or in person, keyed in by the member of staff who took
    it (recorded as such). Give the reporter the reference and tracking token."""
    retry = retryable(
        settings, _scope(principal.organisation_id), idempotency_key, fingerprint(body)
    )
    async with work(principal) as uow:
        answer = await key_in_report(uow, KeyInReport(body, reporter_links(settings), retry))
    return replayed(answer) if isinstance(answer, Replay) else answer
