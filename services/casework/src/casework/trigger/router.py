"""The Community Trigger: a case's flag, and ASB case review applications step by step."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff, Managers
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, CONFLICT, NOT_FOUND, STAFF_ERRORS
from ..cases.store import WhichCase
from . import usecases as reviews
from .schemas import (
    AppealDecisionIn,
    AppealIn,
    CaseTriggerOut,
    DecisionIn,
    MeetingIn,
    OutcomeIn,
    RecommendationsIn,
    ReviewOut,
    ReviewTimerOut,
)

router = APIRouter(tags=["community trigger"], responses=STAFF_ERRORS)

REVIEW = "/v1/case-reviews/{review_id}"


@router.get(f"{CASE}/community-trigger", response_model=CaseTriggerOut, responses=NOT_FOUND)
async def on_case(case_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> CaseTriggerOut:
    """Whether the case's complainants met the Community Trigger threshold, and applications."""
    async with work(principal) as uow:
        found = await reviews.trigger_on_case(uow, WhichCase(case_id))
    return CaseTriggerOut.of(found)


@router.get("/v1/case-reviews", response_model=Page[ReviewOut])
async def applications(
    principal: CaseStaff,
    work: WorkDep,
    open_only: bool = False,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ReviewOut]:
    """The organisation's case review applications, newest first."""
    async with work(principal) as uow:
        rows = await reviews.list_reviews(uow, reviews.ListReviews(open_only, limit, cursor))
    return page_of(rows, limit, ReviewOut.model_validate, lambda r: r.id)


@router.get(REVIEW, response_model=ReviewOut, responses=NOT_FOUND)
async def application(review_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> ReviewOut:
    async with work(principal) as uow:
        row = await reviews.read_review(uow, reviews.ReadReview(review_id))
    return ReviewOut.model_validate(row)


@router.get(f"{REVIEW}/timers", response_model=list[ReviewTimerOut], responses=NOT_FOUND)
async def application_timers(
    review_id: uuid.UUID, principal: CaseStaff, work: WorkDep
) -> list[ReviewTimerOut]:
    """The application's timescales, oldest first: when each step is (or was) due, and whether
    it was met in time, warned of or breached (the standards clock runs them)."""
    async with work(principal) as uow:
        rows = await reviews.review_timers(uow, reviews.ReadReview(review_id))
    return [ReviewTimerOut.model_validate(r) for r in rows]


@router.post(f"{REVIEW}/decision", response_model=ReviewOut, responses=CONFLICT)
async def decision(
    review_id: uuid.UUID, body: DecisionIn, principal: Managers, work: WorkDep
) -> ReviewOut:
    """Whether the threshold is met and a review will be held (meets the decision timer)."""
    async with work(principal) as uow:
        row = await reviews.decide(uow, reviews.Decide(review_id, body.accepted, body.reason))
    return ReviewOut.model_validate(row)


@router.post(f"{REVIEW}/meeting", response_model=ReviewOut, responses=CONFLICT)
async def meeting(
    review_id: uuid.UUID, body: MeetingIn, principal: Managers, work: WorkDep
) -> ReviewOut:
    """The review meeting was held (meets the meeting timer, starts the outcome's)."""
    async with work(principal) as uow:
        row = await reviews.hold_meeting(
            uow, reviews.HoldMeeting(review_id, body.held_at, body.attendees, body.notes)
        )
    return ReviewOut.model_validate(row)


@router.post(f"{REVIEW}/recommendations", response_model=ReviewOut, responses=CONFLICT)
async def recommendations(
    review_id: uuid.UUID, body: RecommendationsIn, principal: Managers, work: WorkDep
) -> ReviewOut:
    """What the review recommends."""
    command = reviews.Recommend(
        review_id,
        [reviews.Recommendation(r.action, r.owner, r.due_date) for r in body.recommendations],
    )
    async with work(principal) as uow:
        row = await reviews.recommend(uow, command)
    return ReviewOut.model_validate(row)


@router.post(f"{REVIEW}/outcome", response_model=ReviewOut, responses=CONFLICT)
async def outcome(
    review_id: uuid.UUID, body: OutcomeIn, principal: Managers, work: WorkDep
) -> ReviewOut:
    """The applicant was told the outcome (meets the outcome timer): the review ends."""
    async with work(principal) as uow:
        row = await reviews.conclude(uow, reviews.Conclude(review_id, body.outcome))
    return ReviewOut.model_validate(row)


@router.post(f"{REVIEW}/appeal", response_model=ReviewOut, responses=CONFLICT)
async def appeal(
    review_id: uuid.UUID, body: AppealIn, principal: Managers, work: WorkDep
) -> ReviewOut:
    """The applicant appealed the refusal or the outcome (within the landlord's working days of
    being told): the appeal's decision falls due (a timer); the applicant is told it arrived."""
    async with work(principal) as uow:
        row = await reviews.appeal(uow, reviews.Appeal(review_id, body.grounds, body.received_at))
    return ReviewOut.model_validate(row)


@router.post(f"{REVIEW}/appeal/decision", response_model=ReviewOut, responses=CONFLICT)
async def appeal_decision(
    review_id: uuid.UUID, body: AppealDecisionIn, principal: Managers, work: WorkDep
) -> ReviewOut:
    """The appeal upheld or not (meets the appeal's timer); the applicant is told why."""
    async with work(principal) as uow:
        row = await reviews.decide_appeal(
            uow, reviews.DecideAppeal(review_id, body.upheld, body.reason)
        )
    return ReviewOut.model_validate(row)
