"""The public reporting API: no account needed. A reporter follows their report with its
reference and the tracking token they were given."""

from __future__ import annotations

from typing import Annotated

from asb_shared.contracts import Channel
from asb_shared.db import Database
from asb_shared.errors import ApiError, ErrorResponse
from asb_shared.service import DbDep, OutboxDep, SettingsDep
from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse

from .. import idempotency
from ..models import Report, ReportStatus
from ..ratelimit import rate_limited
from ..reporter import (
    FollowupIn,
    FollowupOut,
    ReporterView,
    SurveyIn,
    add_followup,
    reporter_view,
    submit_survey,
)
from ..reports import Accepted, accept_report, status_for_reporter
from ..schemas import ReportAccepted, ReportIn, ReportStatusOut

router = APIRouter(prefix="/v1/reports", tags=["reports"])

ERRORS = {
    400: {"model": ErrorResponse},
    413: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
    429: {"model": ErrorResponse},
}
TOKEN_ERRORS = {
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
    429: {"model": ErrorResponse},
}

IdempotencyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        description="send the same key when retrying, to get the first answer instead of a second report",
    ),
]
TrackingToken = Annotated[str, Header(min_length=8, max_length=200)]


def accepted_body(accepted: Accepted, base_url: str) -> ReportAccepted:
    return ReportAccepted(
        id=accepted.id,
        reference=accepted.reference,
        tracking_token=accepted.tracking_token,
        status="received",
        status_url=f"{base_url}/v1/reports/{accepted.reference}/status",
    )


@router.post(
    "",
    status_code=201,
    response_model=ReportAccepted,
    responses=ERRORS,
    dependencies=[Depends(rate_limited("reports"))],
)
async def submit_report(
    body: ReportIn,
    request: Request,
    db: DbDep,
    outbox: OutboxDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyHeader = None,
) -> ReportAccepted | JSONResponse:
    """Report anti-social behaviour. Keep the reference and the tracking token to follow it."""
    base = getattr(settings, "public_base_url", "")
    if idempotency_key is None:
        return accepted_body(await accept_report(db, outbox, body, Channel(body.channel)), base)
    scope = "POST /v1/reports"
    async with db.transaction() as session:
        replay = await idempotency.claim(
            session, scope, idempotency_key, idempotency.request_hash(await request.body())
        )
        if replay is not None:
            return JSONResponse(
                replay.body, status_code=replay.status_code, headers={"Idempotent-Replayed": "true"}
            )
        answer = accepted_body(
            await accept_report(None, outbox, body, Channel(body.channel), session=session), base
        )
        await idempotency.remember(
            session, scope, idempotency_key, 201, answer.model_dump(mode="json")
        )
    return answer


async def _found(db: Database, reference: str, token: str) -> tuple[Report, ReportStatus]:
    found = await status_for_reporter(db, reference, token)
    if found is None:
        raise ApiError(404, "not_found", "No report matches that reference and tracking token.")
    return found


@router.get(
    "/{reference}/status",
    response_model=ReportStatusOut,
    responses=TOKEN_ERRORS,
    dependencies=[Depends(rate_limited("follow"))],
)
async def report_status(
    reference: str, db: DbDep, x_tracking_token: TrackingToken
) -> ReportStatusOut:
    """Where a report has got to. Needs the tracking token given when it was made."""
    report, status = await _found(db, reference, x_tracking_token)
    return ReportStatusOut(
        reference=report.reference,
        status=status.status,
        received_at=report.received_at,
        case_reference=status.case_reference,
        updated_at=status.updated_at,
    )


@router.get(
    "/{reference}",
    response_model=ReporterView,
    responses=TOKEN_ERRORS,
    dependencies=[Depends(rate_limited("follow"))],
)
async def report_for_reporter(
    reference: str, db: DbDep, x_tracking_token: TrackingToken
) -> ReporterView:
    """The reporter's own view: what they reported, what they added, and the updates meant for
    them. Never staff notes, other people's details or anything of another report."""
    report, status = await _found(db, reference, x_tracking_token)
    return await reporter_view(db, report, status)


@router.post(
    "/{reference}/followups",
    status_code=201,
    response_model=FollowupOut,
    responses=TOKEN_ERRORS,
    dependencies=[Depends(rate_limited("follow"))],
)
async def followup(
    reference: str, body: FollowupIn, db: DbDep, outbox: OutboxDep, x_tracking_token: TrackingToken
) -> FollowupOut:
    """Add a new incident to the report (a diary entry): what happened and when."""
    report, _ = await _found(db, reference, x_tracking_token)
    return await add_followup(db, outbox, report, body)


@router.post(
    "/{reference}/survey",
    status_code=201,
    responses={**TOKEN_ERRORS, 409: {"model": ErrorResponse}},
    dependencies=[Depends(rate_limited("follow"))],
)
async def survey(
    reference: str, body: SurveyIn, db: DbDep, outbox: OutboxDep, x_tracking_token: TrackingToken
) -> dict[str, str]:
    """Satisfaction with how the case was handled and with its outcome, once it is closed."""
    report, status = await _found(db, reference, x_tracking_token)
    await submit_survey(db, outbox, report, status, body)
    return {"status": "thank you"}
