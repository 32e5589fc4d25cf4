"""The reporter's own endpoints: with the reference and the tracking token they were given, a
reporter reads where their report has got to, adds incidents and answers the survey."""

from __future__ import annotations

from typing import Any

from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter, Depends

from ..ratelimit.dependency import rate_limited
from ..reports.access import ReferencePath, ReporterCredentials
from ..reports.access import TrackingTokenHeader as TrackingToken
from . import usecases
from .schemas import FollowupIn, FollowupOut, ReporterView, ReportStatusOut, SurveyIn

router = APIRouter(prefix="/v1/reports", tags=["reports"])

TOKEN_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse},
    422: {"model": ErrorResponse},
    429: {"model": ErrorResponse},
}


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
    reference: ReferencePath, body: FollowupIn, work: WorkDep, x_tracking_token: TrackingToken
) -> FollowupOut:
    """Add a new incident to the report (a diary entry): what happened and when."""
    command = usecases.AddFollowup(
        ReporterCredentials(reference, x_tracking_token), body.description, body.occurred_at
    )
    async with work() as uow:
        return await usecases.add_followup(uow, command)


@router.post(
    "/{reference}/survey",
    status_code=201,
    responses={**TOKEN_ERRORS, 409: {"model": ErrorResponse}},
    dependencies=[Depends(rate_limited("follow"))],
)
async def survey(
    reference: ReferencePath, body: SurveyIn, work: WorkDep, x_tracking_token: TrackingToken
) -> dict[str, str]:
    """Satisfaction with how the case was handled and with its outcome, once it is closed."""
    command = usecases.SubmitSurvey(ReporterCredentials(reference, x_tracking_token), body)
    async with work() as uow:
        await usecases.submit_survey(uow, command)
    return {"status": "thank you"}
