"""The public reporting endpoint: no account needed. The reporter keeps the reference and the
tracking token they are given, to follow their report (see :mod:`intake.reporter`)."""

from __future__ import annotations

from typing import Any

from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from ..idempotency.edge import IdempotencyHeader, replayed, retryable
from ..idempotency.keys import Replay, request_hash
from ..ratelimit.dependency import rate_limited
from ..settings import Settings
from . import usecases
from .links import reporter_links
from .schemas import ReportAccepted, ReportIn

router = APIRouter(prefix="/v1/reports", tags=["reports"])

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse},
    413: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
    429: {"model": ErrorResponse},
}


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
    work: WorkDep,
    settings: Settings,
    idempotency_key: IdempotencyHeader = None,
) -> ReportAccepted | JSONResponse:
    """Report anti-social behaviour. Keep the reference and the tracking token to follow it."""
    retry = retryable(
        settings, usecases.IDEMPOTENCY_SCOPE, idempotency_key, request_hash(await request.body())
    )
    command = usecases.SubmitReport(body, reporter_links(settings), retry)
    async with work() as uow:
        answer = await usecases.submit_report(uow, command)
    return replayed(answer) if isinstance(answer, Replay) else answer
