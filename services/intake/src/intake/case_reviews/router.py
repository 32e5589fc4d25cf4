"""Community Trigger (ASB case review) applications, from complainants or on their behalf."""

from __future__ import annotations

from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from ..idempotency.edge import IdempotencyHeader, fingerprint, replayed, retryable
from ..idempotency.keys import Replay
from ..ratelimit.dependency import rate_limited
from ..settings import Settings
from .schemas import CaseReviewAccepted, CaseReviewIn
from .usecases import ApplyForCaseReview, apply_for_case_review

router = APIRouter(prefix="/v1/case-reviews", tags=["case reviews"])


@router.post(
    "",
    status_code=201,
    response_model=CaseReviewAccepted,
    responses={422: {"model": ErrorResponse}, 429: {"model": ErrorResponse}},
    dependencies=[Depends(rate_limited("case-reviews"))],
)
async def apply(
    body: CaseReviewIn,
    work: WorkDep,
    settings: Settings,
    idempotency_key: IdempotencyHeader = None,
) -> CaseReviewAccepted | JSONResponse:
    """Apply for a case review: the landlord and its partners must consider it. With an
    Idempotency-Key, a retry (a double click) gets the first answer: one application."""
    retry = retryable(settings, "POST /v1/case-reviews", idempotency_key, fingerprint(body))
    async with work() as uow:
        answer = await apply_for_case_review(uow, ApplyForCaseReview(body, retry))
    return replayed(answer) if isinstance(answer, Replay) else answer
