"""ASB case review applications (Community Trigger): received from intake with eligibility
checked, then the decision, the review meeting, the recommendations and the outcome, each step
against its working-day timescale.

The steps follow one order: received -> accepted | refused; accepted -> meeting_held ->
recommended -> closed; refused or closed -> appealed (within the policy's working days of being
told) -> appeal_decided. A step out of order is a conflict naming the step that is next. The
applicant is told the decision, the outcome, and their appeal's receipt and decision
(:mod:`casework.trigger.applicant`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from asb_shared.contracts.intake import CaseReviewRequested
from asb_shared.usecase import Conflict, Invalid, NotFound, UnitOfWork
from sqlalchemy import any_, select

from ..cases.models import Case, CaseReport, Complainant
from ..cases.store import WhichCase, case_to_read, staff
from ..people.matching import person_keys
from ..policy.settings import PolicySettings, working_calendar
from ..policy.store import current_version, policy_at
from ..standards.models import Standard
from ..timeline.recording import COMPLAINANT, acting, record
from . import timers
from .appeals import APPEALABLE, appeal_by, appeal_refusal
from .applicant import tell_applicant
from .eligibility import count_for, thresholds_of
from .models import CaseReview, TriggerEligibility
from .timers import ReviewTimer


class ReviewStatus(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    MEETING_HELD = "meeting_held"
    RECOMMENDED = "recommended"
    CLOSED = "closed"
    APPEALED = "appealed"
    APPEAL_DECIDED = "appeal_decided"


NEXT_STEP = {
    ReviewStatus.RECEIVED: "decision",
    ReviewStatus.ACCEPTED: "meeting",
    ReviewStatus.MEETING_HELD: "recommendations",
    ReviewStatus.RECOMMENDED: "outcome",
    ReviewStatus.APPEALED: "appeal decision",
}


async def _policy(uow: UnitOfWork, organisation_id: uuid.UUID) -> PolicySettings:
    return await policy_at(
        uow.session, organisation_id, await current_version(uow.session, organisation_id)
    )


async def _cases(uow: UnitOfWork, organisation_id: uuid.UUID, ids: list[uuid.UUID]) -> list[Case]:
    if not ids:
        return []
    return list(
        await uow.session.scalars(
            select(Case)
            .where(Case.organisation_id == organisation_id, Case.id.in_(ids))
            .order_by(Case.opened_at, Case.id)
            .with_for_update()
        )
    )


async def receive_application(uow: UnitOfWork, event: CaseReviewRequested) -> CaseReview | None:
    """Record an application from intake, with the applicant's eligibility checked now; it
    goes on the timeline of every case its reports belong to, and the decision's timer starts
    on the first of them. None if it was already recorded."""
    session = uow.session
    if await session.get(CaseReview, event.application_id) is not None:
        return None
    organisation_id = uow.envelope.organisation_id
    now = uow.now()
    references = sorted({r.strip() for r in event.report_references})
    case_ids = list(
        await session.scalars(
            select(CaseReport.case_id)
            .where(
                CaseReport.organisation_id == organisation_id,
                CaseReport.report_reference.in_(references),
            )
            .distinct()
        )
    )
    cases = await _cases(uow, organisation_id, case_ids)
    policy = await _policy(uow, organisation_id)
    thresholds = thresholds_of(policy)
    # Whose reports count: the makers of the reports named, and anyone the applicant is.
    applicant = event.applicant
    keys = set(person_keys(applicant.name, applicant.email, applicant.phone, None))
    makers = list(
        await session.scalars(
            select(Complainant.id).where(
                Complainant.organisation_id == organisation_id,
                Complainant.report_reference.in_(references),
            )
        )
    )
    counted = await count_for(uow, organisation_id, makers, now, thresholds, frozenset(keys))
    met = [m for c in counted.values() for m in c.met]
    eligibility: dict[str, Any] = {
        "thresholds": {
            "reports": thresholds.reports,
            "within_months": thresholds.within_months,
            "households": thresholds.households if thresholds.households_rule else None,
            "hate_incident": thresholds.hate_incident_rule,
        },
        "met": [{"rule": m.rule.value, "problem": m.problem, "counted": m.counted} for m in met],
        "checked_at": now.isoformat(),
    }
    review = CaseReview(
        id=event.application_id,
        organisation_id=organisation_id,
        case_id=cases[0].id if cases else None,
        case_ids=[c.id for c in cases],
        applicant_name=applicant.name,
        applicant_email=applicant.email,
        applicant_phone=applicant.phone,
        on_behalf_of=event.on_behalf_of,
        consent_given=event.consent_given,
        report_references=references,
        description=event.description,
        received_at=uow.envelope.occurred_at,
        status=ReviewStatus.RECEIVED.value,
        eligible=bool(met),
        eligibility=eligibility,
        meeting_attendees=[],
        recommendations=[],
        applicant_preferences=event.applicant_preferences.model_dump(mode="json")
        if event.applicant_preferences is not None
        else None,
        updated_at=now,
    )
    session.add(review)
    await session.flush()
    who = applicant.name or "the complainant"
    if event.on_behalf_of:
        who += f" on behalf of {event.on_behalf_of}"
    for case in cases:
        await record(
            uow,
            case,
            actor=COMPLAINANT,
            kind="case_review_requested",
            summary=f"ASB case review (Community Trigger) requested by {who}",
            data={"application_id": str(event.application_id), "eligible": bool(met)},
        )
    if cases:
        await timers.start(session, cases[0], ReviewTimer.DECISION, review.received_at, policy)
    return review


async def review_for_update(uow: UnitOfWork, review_id: uuid.UUID) -> CaseReview:
    review = await uow.session.scalar(
        select(CaseReview)
        .where(
            CaseReview.id == review_id,
            CaseReview.organisation_id == staff(uow).organisation_id,
        )
        .with_for_update()
    )
    if review is None:
        raise NotFound("No such case review application.")
    return review


def _expect(review: CaseReview, status: ReviewStatus, step: str) -> None:
    if review.status != status.value:
        current = ReviewStatus(review.status)
        raise Conflict(
            f"The application is {current.value}: "
            + (
                f"the next step is the {NEXT_STEP[current]}."
                if current in NEXT_STEP
                else "it has ended."
            )
            + f" ({step} not allowed)",
            code="review_step_not_allowed",
        )


async def _step(
    uow: UnitOfWork, review: CaseReview, kind: str, summary: str, data: dict[str, Any]
) -> list[Case]:
    cases = await _cases(uow, review.organisation_id, list(review.case_ids))
    for case in cases:
        await record(uow, case, actor=acting(uow), kind=kind, summary=summary, data=data)
    review.updated_at = uow.now()
    return cases


def _timer_case(cases: list[Case], review: CaseReview) -> Case | None:
    return next((c for c in cases if c.id == review.case_id), None)


@dataclass(frozen=True)
class Decide:
    review_id: uuid.UUID
    accepted: bool
    reason: str


async def decide(uow: UnitOfWork, command: Decide) -> CaseReview:
    """Whether the application meets the threshold and a review will be held."""
    review = await review_for_update(uow, command.review_id)
    _expect(review, ReviewStatus.RECEIVED, "decision")
    now = uow.now()
    review.status = (ReviewStatus.ACCEPTED if command.accepted else ReviewStatus.REFUSED).value
    review.decision = "accepted" if command.accepted else "refused"
    review.decision_reason = command.reason
    review.decided_at = now
    review.decided_by = acting(uow)
    cases = await _step(
        uow,
        review,
        "case_review_decided",
        f"ASB case review {review.decision}: {command.reason[:500]}",
        {"application_id": str(review.id), "decision": review.decision},
    )
    case = _timer_case(cases, review)
    policy = await _policy(uow, review.organisation_id)
    if case is not None:
        await timers.meet(uow.session, case, ReviewTimer.DECISION, now)
        if command.accepted:
            await timers.start(uow.session, case, ReviewTimer.MEETING, now, policy)
    await tell_applicant(
        uow,
        review,
        cases,
        "decision",
        command.reason,
        decision=review.decision,
        appeal_by=None if command.accepted else _appeal_by(now, policy),
    )
    return review


def _appeal_by(told_at: datetime, policy: PolicySettings) -> datetime:
    return appeal_by(
        told_at, policy.community_trigger.appeal_within_working_days, working_calendar(policy)
    )


@dataclass(frozen=True)
class HoldMeeting:
    review_id: uuid.UUID
    held_at: datetime
    attendees: list[str]
    notes: str | None


async def hold_meeting(uow: UnitOfWork, command: HoldMeeting) -> CaseReview:
    """The review meeting of the partners was held."""
    review = await review_for_update(uow, command.review_id)
    _expect(review, ReviewStatus.ACCEPTED, "meeting")
    review.status = ReviewStatus.MEETING_HELD.value
    review.meeting_at = command.held_at
    review.meeting_attendees = command.attendees
    review.meeting_notes = command.notes
    cases = await _step(
        uow,
        review,
        "case_review_meeting",
        f"ASB case review meeting held ({', '.join(command.attendees)[:400]})",
        {"application_id": str(review.id), "held_at": command.held_at.isoformat()},
    )
    case = _timer_case(cases, review)
    if case is not None:
        await timers.meet(uow.session, case, ReviewTimer.MEETING, uow.now())
        policy = await _policy(uow, review.organisation_id)
        await timers.start(uow.session, case, ReviewTimer.OUTCOME, command.held_at, policy)
    return review


@dataclass(frozen=True)
class Recommendation:
    action: str
    owner: str
    due_date: date


@dataclass(frozen=True)
class Recommend:
    review_id: uuid.UUID
    recommendations: list[Recommendation]


async def recommend(uow: UnitOfWork, command: Recommend) -> CaseReview:
    """What the review recommends, each with its owner and date."""
    review = await review_for_update(uow, command.review_id)
    _expect(review, ReviewStatus.MEETING_HELD, "recommendations")
    review.status = ReviewStatus.RECOMMENDED.value
    review.recommendations = [
        {"action": r.action, "owner": r.owner, "due_date": r.due_date.isoformat()}
        for r in command.recommendations
    ]
    await _step(
        uow,
        review,
        "case_review_recommendations",
        f"ASB case review: {len(command.recommendations)} recommendation(s)",
        {"application_id": str(review.id)},
    )
    return review


@dataclass(frozen=True)
class Conclude:
    review_id: uuid.UUID
    outcome: str


async def conclude(uow: UnitOfWork, command: Conclude) -> CaseReview:
    """The applicant was told the outcome: the review ends."""
    review = await review_for_update(uow, command.review_id)
    _expect(review, ReviewStatus.RECOMMENDED, "outcome")
    now = uow.now()
    review.status = ReviewStatus.CLOSED.value
    review.outcome = command.outcome
    review.outcome_at = now
    cases = await _step(
        uow,
        review,
        "case_review_outcome",
        f"ASB case review outcome given to the applicant: {command.outcome[:500]}",
        {"application_id": str(review.id)},
    )
    case = _timer_case(cases, review)
    if case is not None:
        await timers.meet(uow.session, case, ReviewTimer.OUTCOME, now)
    policy = await _policy(uow, review.organisation_id)
    await tell_applicant(
        uow, review, cases, "outcome", command.outcome, appeal_by=_appeal_by(now, policy)
    )
    return review


@dataclass(frozen=True)
class Appeal:
    review_id: uuid.UUID
    grounds: str
    received_at: datetime | None = None
    """When the applicant appealed (a letter, a call); None: now."""


async def appeal(uow: UnitOfWork, command: Appeal) -> CaseReview:
    """The applicant appeals the refusal or the outcome, within the policy's working days of
    being told: the appeal's decision is due within the policy's working days (a timer)."""
    review = await review_for_update(uow, command.review_id)
    now = uow.now()
    appealed_at = command.received_at or now
    policy = await _policy(uow, review.organisation_id)
    told_at = review.outcome_at or review.decided_at
    deadline = _appeal_by(told_at, policy) if told_at is not None else None
    refused = appeal_refusal(review.status, appealed_at, told_at, deadline)
    if refused is not None:
        if review.status in APPEALABLE:
            raise Invalid.at("received_at", refused, "appeal_out_of_time")
        _expect(review, ReviewStatus.CLOSED, "appeal")
    review.status = ReviewStatus.APPEALED.value
    review.appealed_at = appealed_at
    review.appeal_grounds = command.grounds
    cases = await _step(
        uow,
        review,
        "case_review_appealed",
        f"ASB case review appealed: {command.grounds[:500]}",
        {"application_id": str(review.id), "appealed_at": appealed_at.isoformat()},
    )
    case = _timer_case(cases, review)
    due_by = None
    if case is not None:
        timer = await timers.start(uow.session, case, ReviewTimer.APPEAL, appealed_at, policy)
        due_by = timer.due_at
    await tell_applicant(uow, review, cases, "appeal_received", command.grounds, due_by=due_by)
    return review


@dataclass(frozen=True)
class DecideAppeal:
    review_id: uuid.UUID
    upheld: bool
    reason: str


async def decide_appeal(uow: UnitOfWork, command: DecideAppeal) -> CaseReview:
    """The appeal is upheld or not, with the reason the applicant is told: the review ends."""
    review = await review_for_update(uow, command.review_id)
    _expect(review, ReviewStatus.APPEALED, "appeal decision")
    now = uow.now()
    review.status = ReviewStatus.APPEAL_DECIDED.value
    review.appeal_decision = "upheld" if command.upheld else "not_upheld"
    review.appeal_reason = command.reason
    review.appeal_decided_at = now
    review.appeal_decided_by = acting(uow)
    cases = await _step(
        uow,
        review,
        "case_review_appeal_decided",
        f"ASB case review appeal {review.appeal_decision.replace('_', ' ')}: "
        f"{command.reason[:500]}",
        {"application_id": str(review.id), "decision": review.appeal_decision},
    )
    case = _timer_case(cases, review)
    if case is not None:
        await timers.meet(uow.session, case, ReviewTimer.APPEAL, now)
    await tell_applicant(
        uow, review, cases, "appeal_decision", command.reason, decision=review.appeal_decision
    )
    return review


@dataclass(frozen=True)
class ReadReview:
    review_id: uuid.UUID


async def read_review(uow: UnitOfWork, query: ReadReview) -> CaseReview:
    review = await uow.session.scalar(
        select(CaseReview).where(
            CaseReview.id == query.review_id,
            CaseReview.organisation_id == staff(uow).organisation_id,
        )
    )
    if review is None:
        raise NotFound("No such case review application.")
    return review


async def review_timers(uow: UnitOfWork, query: ReadReview) -> list[Standard]:
    """The application's timers (its decision, meeting, outcome, an appeal's decision), oldest
    first, each with its due time and whether it was met, warned of or breached: those its case
    started from the application's decision timer (started when it arrived) until the next
    application's."""
    review = await read_review(uow, query)
    if review.case_id is None:
        return []
    on_case = (
        Standard.case_id == review.case_id,
        Standard.organisation_id == review.organisation_id,
    )
    decision = ReviewTimer.DECISION.value
    first = await uow.session.scalar(
        select(Standard.id)
        .where(*on_case, Standard.kind == decision, Standard.started_at == review.received_at)
        .order_by(Standard.id)
        .limit(1)
    )
    if first is None:
        return []
    statement = select(Standard).where(
        *on_case, Standard.kind.in_([t.value for t in ReviewTimer]), Standard.id >= first
    )
    following = await uow.session.scalar(
        select(Standard.id)
        .where(*on_case, Standard.kind == decision, Standard.id > first)
        .order_by(Standard.id)
        .limit(1)
    )
    if following is not None:
        statement = statement.where(Standard.id < following)
    return list(await uow.session.scalars(statement.order_by(Standard.id)))


@dataclass(frozen=True)
class ListReviews:
    open_only: bool
    limit: int
    cursor: uuid.UUID | None


async def list_reviews(uow: UnitOfWork, query: ListReviews) -> list[CaseReview]:
    statement = select(CaseReview).where(CaseReview.organisation_id == staff(uow).organisation_id)
    if query.open_only:
        statement = statement.where(
            CaseReview.status.not_in(
                [
                    ReviewStatus.REFUSED.value,
                    ReviewStatus.CLOSED.value,
                    ReviewStatus.APPEAL_DECIDED.value,
                ]
            )
        )
    if query.cursor is not None:
        statement = statement.where(CaseReview.id < query.cursor)
    return list(
        await uow.session.scalars(statement.order_by(CaseReview.id.desc()).limit(query.limit))
    )


@dataclass(frozen=True)
class CaseTrigger:
    met: list[TriggerEligibility]
    applications: list[CaseReview]


async def trigger_on_case(uow: UnitOfWork, query: WhichCase) -> CaseTrigger:
    """The thresholds met on the acting organisation's case, and the applications about it."""
    case = await case_to_read(uow, query.case_id)
    met = await uow.session.scalars(
        select(TriggerEligibility)
        .where(TriggerEligibility.case_id == case.id)
        .order_by(TriggerEligibility.met_at, TriggerEligibility.id)
    )
    applications = await uow.session.scalars(
        select(CaseReview)
        .where(
            CaseReview.organisation_id == case.organisation_id,
            any_(CaseReview.case_ids) == case.id,
        )
        .order_by(CaseReview.received_at)
    )
    return CaseTrigger(list(met), list(applications))
