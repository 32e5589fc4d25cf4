"""The reporter's own endpoints: with the reference and the tracking token they were given, a
reporter reads where their report has got to, adds incidents and answers the survey."""

from __future__ import annotations

from typing import Any

from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from ..idempotency.edge import IdempotencyHeader, fingerprint, replayed, retryable
from ..idempotency.keys import Replay
from ..ratelimit.dependency import rate_limited
from ..reports.access import ReferencePath, ReporterCredentials
from ..reports.access import TrackingTokenHeader as TrackingToken
from ..settings import Settings
from . import usecases
from .schemas import (
    FollowupIn,
    FollowupOut,
    ReporterView,
    ReportStatusOut,
    SurveyIn,
    SurveyThanks,
)

router = APIRouter(prefix="/v1/reports", tags=["reports"])

TOKEN_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
    429: {"model": ErrorResponse},
}


def _scope(action: str, reference: str) -> str:
    """What a reporter's Idempotency-Key is unique within: one action on one report."""
    return f"POST /v1/reports/{reference}/{action}"


@router.get(
    "/{reference}/status",
    response_model=ReportStatusOut,
    responses=TOKEN_ERRORS,
    dependencies=[Depends(rate_limited("follow"))],
)
async def report_status(
    reference: ReferencePath, work: WorkDep, x_tracking_token: TrackingToken
) -> ReportStatusOut:
    """Where a report has got to. Needs the tracking token given when it was made."""
    async with work() as uow:
        return await usecases.report_status(uow, ReporterCredentials(reference, x_tracking_token))


@router.get(
    "/{reference}",
    response_model=ReporterView,
    responses=TOKEN_ERRORS,
    dependencies=[Depends(rate_limited("follow"))],
)
async def report_for_reporter(
    reference: ReferencePath, work: WorkDep, x_tracking_token: TrackingToken
) -> ReporterView:
    """The reporter's own view: what they reported, what they added, and the updates meant for
    them. Never staff notes, other people's details or anything of another report."""
    async with work() as uow:
        return await usecases.reporter_view(uow, ReporterCredentials(reference, x_tracking_token))


@router.post(
    "/{reference}/followups",
    status_code=201,
    response_model=FollowupOut,
    responses=TOKEN_ERRORS,
    dependencies=[Depends(rate_limited("follow"))],
)
async def followup(
    reference: ReferencePath,
    body: FollowupIn,
    work: WorkDep,
    settings: Settings,
    x_tracking_token: TrackingToken,
    idempotency_key: IdempotencyHeader = None,
) -> FollowupOut | JSONResponse:
    """Add a new incident to the report (a diary entry): what happened and when."""
    retry = retryable(settings, _scope("followups", reference), idempotency_key, fingerprint(body))
    command = usecases.AddFollowup(
        ReporterCredentials(reference, x_tracking_token),
        body.description,
        body.occurred_at,
        retry,
    )
    async with work() as uow:
        answer = await usecases.add_followup(uow, command)
    return replayed(answer) if isinstance(answer, Replay) else answer


@router.post(
    "/{reference}/survey",
    status_code=201,
    response_model=SurveyThanks,
    responses={**TOKEN_ERRORS, 409: {"model": ErrorResponse}},
    dependencies=[Depends(rate_limited("follow"))],
)
async def survey(
    reference: ReferencePath,
    body: SurveyIn,
    work: WorkDep,
    settings: Settings,
    x_tracking_token: TrackingToken,
    idempotency_key: IdempotencyHeader = None,
) -> SurveyThanks | JSONResponse:
    """Satisfaction with how the case was handled and with its outcome, once it is closed."""
    retry = retryable(settings, _scope("survey", reference), idempotency_key, fingerprint(body))
    command = usecases.SubmitSurvey(ReporterCredentials(reference, x_tracking_token), body, retry)
    async with work() as uow:
        answer = await usecases.submit_survey(uow, command)
    return replayed(answer) if isinstance(answer, Replay) else answer
