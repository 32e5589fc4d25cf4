"""The public reporting API: no account needed."""

from __future__ import annotations

from typing import Annotated

from asb_shared.contracts import Channel
from asb_shared.errors import ApiError, ErrorResponse
from asb_shared.service import DbDep, OutboxDep, SettingsDep
from fastapi import APIRouter, Header

from ..reports import accept_report, status_for_reporter
from ..schemas import ReportAccepted, ReportIn, ReportStatusOut

router = APIRouter(prefix="/v1/reports", tags=["reports"])

ERRORS = {
    400: {"model": ErrorResponse},
    413: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
}


@router.post("", status_code=201, response_model=ReportAccepted, responses=ERRORS)
async def submit_report(
    body: ReportIn, db: DbDep, outbox: OutboxDep, settings: SettingsDep
) -> ReportAccepted:
    """Report anti-social behaviour. Keep the reference and the tracking token to follow it."""
    accepted = await accept_report(db, outbox, body, Channel.WEB)
    base = getattr(settings, "public_base_url", "")
    return ReportAccepted(
        id=accepted.id,
        reference=accepted.reference,
        tracking_token=accepted.tracking_token,
        status="received",
        status_url=f"{base}/v1/reports/{accepted.reference}/status",
    )


@router.get(
    "/{reference}/status", response_model=ReportStatusOut, responses={404: {"model": ErrorResponse}}
)
async def report_status(
    reference: str,
    db: DbDep,
    x_tracking_token: Annotated[str, Header(min_length=8, max_length=200)],
) -> ReportStatusOut:
    """Where a report has got to. Needs the tracking token given when it was made."""
    found = await status_for_reporter(db, reference, x_tracking_token)
    if found is None:
        raise ApiError(404, "not_found", "No report matches that reference and tracking token.")
    report, status = found
    return ReportStatusOut(
        reference=report.reference,
        status=status.status,
        received_at=report.received_at,
        case_reference=status.case_reference,
        updated_at=status.updated_at,
    )
