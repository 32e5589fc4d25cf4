"""What officers do on a case: contacts, action plans, interventions, evidence, referrals, closure.

Each action runs in the caller's transaction and follows the same steps: lock the caller's
organisation's case (404 for anyone else's), check what the request cannot check by itself
(422 in the common shape, before anything is written), move the lifecycle where the action
implies it (409 listing the allowed commands), store the record, add a timeline entry saying
who did what and why, tell the service-standard timers, and announce what other services need.
Any error rolls the whole transaction back, so nothing is ever half-written.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, TypeVar

from asb_shared.auth import Principal
from asb_shared.calendar import LONDON
from asb_shared.contracts import (
    AsbCategory,
    CaseClosed,
    EngagementReferralRequested,
)
from asb_shared.db import utcnow
from asb_shared.errors import ApiError, ErrorDetail
from asb_shared.messaging import Outbox
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from . import timers
from .access import (
    actor_of,
    announce,
    case_for_update,
    complainant_of,
    not_found,
    record,
    transition,
)
from .lifecycle import CaseCommand, CaseStatus, closure_outcome
from .models import (
    ActionPlan,
    Case,
    CaseReport,
    Contact,
    Evidence,
    Intervention,
    Referral,
)
from .schemas_actions import (
    ActionPlanIn,
    ClosingOutcome,
    ClosureIn,
    ClosureOut,
    ContactIn,
    ContactWith,
    EvidenceIn,
    InterventionIn,
    InterventionOut,
    InterventionOutcomeIn,
    LegalCount,
    ReferralIn,
    ReferralKind,
    ReopenIn,
    ReopenOut,
    is_legal,
)

CLOSING_COMMANDS: dict[ClosingOutcome, CaseCommand] = {
    ClosingOutcome.RESOLVED: CaseCommand.RESOLVE,
    ClosingOutcome.UNRESOLVED: CaseCommand.CLOSE_UNRESOLVED,
    ClosingOutcome.INFORMATION_ONLY: CaseCommand.CLOSE_INFORMATION_ONLY,
    ClosingOutcome.REFERRED_ON: CaseCommand.REFER_ON,
}

REFERRAL_LABELS = {
    ReferralKind.ENGAGEMENT: "Positive Engagement",
    ReferralKind.MASH: "MASH (safeguarding)",
    ReferralKind.MARAC: "MARAC",
}

Row = TypeVar("Row", Contact, ActionPlan, Intervention, Evidence, Referral)


def invalid(field: str, message: str, type_: str = "value_error") -> ApiError:
    """A 422 about one field, in the same shape as the request validation's own."""
    return ApiError(
        422,
        "validation_failed",
        "The request has invalid fields.",
        details=[ErrorDetail(field=field, message=message, type=type_)],
    )


# --- contacts ---------------------------------------------------------------------------------


async def _store_contact(
    session: AsyncSession,
    case: Case,
    *,
    actor: str,
    with_whom: str,
    method: str,
    at: datetime,
    summary: str,
) -> Contact:
    contact = Contact(
        case_id=case.id,
        organisation_id=case.organisation_id,
        with_whom=with_whom,
        method=method,
        contacted_at=at,
        summary=summary,
        recorded_by=actor,
        recorded_at=utcnow(),
    )
    session.add(contact)
    await session.flush()
    await record(
        session,
        case,
        actor=actor,
        kind="contact",
        summary=f"Contact with the {with_whom} by {method}: {summary}"[:2000],
        data={
            "contact_id": str(contact.id),
            "with_whom": with_whom,
            "method": method,
            "contacted_at": at.isoformat(),
        },
    )
    await timers.on_contact_recorded(session, case, with_whom, at)
    return contact


async def add_contact(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, body: ContactIn
) -> Contact:
    case = await case_for_update(session, principal, case_id)
    return await _store_contact(
        session,
        case,
        actor=actor_of(principal),
        with_whom=body.with_whom.value,
        method=body.method.value,
        at=body.contacted_at,
        summary=body.summary,
    )


# --- action plans -----------------------------------------------------------------------------


async def agree_action_plan(
    session: AsyncSession,
    outbox: Outbox,
    principal: Principal,
    case_id: uuid.UUID,
    body: ActionPlanIn,
) -> ActionPlan:
    case = await case_for_update(session, principal, case_id)
    actor = actor_of(principal)
    await transition(
        session,
        outbox,
        case,
        CaseCommand.AGREE_ACTION_PLAN,
        actor=actor,
        reason="action plan agreed with the complainant",
    )
    plan = ActionPlan(
        case_id=case.id,
        organisation_id=case.organisation_id,
        actions=[a.model_dump(mode="json") for a in body.actions],
        contact_method=body.contact_method.value,
        contact_frequency_days=body.contact_frequency_days,
        agreed_with_complainant_at=body.agreed_with_complainant_at,
        recorded_by=actor,
        recorded_at=utcnow(),
    )
    session.add(plan)
    case.contact_frequency_days = body.contact_frequency_days
    await session.flush()
    await record(
        session,
        case,
        actor=actor,
        kind="action_plan",
        summary=(
            f"Action plan agreed with the complainant: {len(body.actions)} action(s),"
            f" contact by {body.contact_method.value} every {body.contact_frequency_days} day(s)"
        ),
        data={
            "action_plan_id": str(plan.id),
            "contact_method": plan.contact_method,
            "contact_frequency_days": plan.contact_frequency_days,
            "agreed_with_complainant_at": body.agreed_with_complainant_at.isoformat(),
        },
    )
    await timers.on_action_plan_agreed(
        session, case, body.contact_frequency_days, body.agreed_with_complainant_at
    )
    return plan


# --- interventions ----------------------------------------------------------------------------


async def record_intervention(
    session: AsyncSession,
    outbox: Outbox,
    principal: Principal,
    case_id: uuid.UUID,
    body: InterventionIn,
) -> InterventionOut:
    case = await case_for_update(session, principal, case_id)
    actor = actor_of(principal)
    kind = body.kind.value
    legal = is_legal(body.kind)
    if case.status != CaseStatus.INTERVENTIONS:
        # From open, reopened, investigating or an agreed plan; anything else is a 409.
        await transition(
            session,
            outbox,
            case,
            CaseCommand.START_INTERVENTIONS,
            actor=actor,
            reason=f"{kind} recorded",
        )
    row = Intervention(
        case_id=case.id,
        organisation_id=case.organisation_id,
        kind=kind,
        legal=legal,
        on_date=body.on_date,
        owner=body.owner,
        notes=body.notes,
        positive_requirements=list(body.positive_requirements),
        outcome=body.outcome,
        recorded_by=actor,
        recorded_at=utcnow(),
    )
    session.add(row)
    await session.flush()
    await record(
        session,
        case,
        actor=actor,
        kind="intervention",
        summary=f"{'Legal action' if legal else 'Intervention'}: {kind} on"
        f" {body.on_date.isoformat()}, owned by {body.owner}",
        data={
            "intervention_id": str(row.id),
            "kind": kind,
            "legal": legal,
            "on_date": body.on_date.isoformat(),
            "owner": body.owner,
            "positive_requirements": body.positive_requirements,
        },
    )
    await timers.on_case_updated(session, case, utcnow())
    return InterventionOut.model_validate(row)


async def record_intervention_outcome(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    intervention_id: uuid.UUID,
    body: InterventionOutcomeIn,
) -> InterventionOut:
    case = await case_for_update(session, principal, case_id)
    row = await session.scalar(
        select(Intervention)
        .where(Intervention.id == intervention_id, Intervention.case_id == case.id)
        .with_for_update()
    )
    if row is None:
        raise ApiError(404, "not_found", "No such intervention on this case.")
    actor = actor_of(principal)
    previous = row.outcome
    row.outcome = body.outcome
    await session.flush()
    await record(
        session,
        case,
        actor=actor,
        kind="intervention_outcome",
        summary=f"Outcome of {row.kind}: {body.outcome}"[:2000],
        data={
            "intervention_id": str(row.id),
            "kind": row.kind,
            "outcome": body.outcome,
            "previous_outcome": previous,
        },
    )
    await timers.on_case_updated(session, case, utcnow())
    return InterventionOut.model_validate(row)


def this_year() -> int:
    """The calendar year in England now."""
    return utcnow().astimezone(LONDON).year


async def legal_count(session: AsyncSession, principal: Principal, year: int) -> LegalCount:
    """Legal actions of the caller's organisation dated in ``year``, up to today (London)."""
    today = utcnow().astimezone(LONDON).date()
    end = min(date(year, 12, 31), today)
    rows = (
        await session.execute(
            select(Intervention.kind, func.count())
            .where(
                Intervention.organisation_id == principal.organisation_id,
                Intervention.legal.is_(True),
                Intervention.on_date >= date(year, 1, 1),
                Intervention.on_date <= end,
            )
            .group_by(Intervention.kind)
        )
    ).all()
    by_kind = {kind: int(n) for kind, n in sorted(rows)}
    return LegalCount(year=year, as_of=end, legal_actions=sum(by_kind.values()), by_kind=by_kind)


# --- evidence ---------------------------------------------------------------------------------


async def add_evidence(
    session: AsyncSession, principal: Principal, case_id: uuid.UUID, body: EvidenceIn
) -> Evidence:
    case = await case_for_update(session, principal, case_id)
    actor = actor_of(principal)
    row = Evidence(
        case_id=case.id,
        organisation_id=case.organisation_id,
        kind=body.kind.value,
        origin=body.origin,
        description=body.description,
        sha256=body.sha256,
        location=body.location,
        added_by=actor,
        added_at=utcnow(),
    )
    session.add(row)
    await session.flush()
    await record(
        session,
        case,
        actor=actor,
        kind="evidence",
        summary=f"Evidence added ({row.kind}, from {row.origin}): {row.description}"[:2000],
        data={
            "evidence_id": str(row.id),
            "kind": row.kind,
            "origin": row.origin,
            "sha256": row.sha256,
        },
    )
    await timers.on_case_updated(session, case, utcnow())
    return row


# --- referrals --------------------------------------------------------------------------------


async def refer(
    session: AsyncSession,
    outbox: Outbox,
    principal: Principal,
    case_id: uuid.UUID,
    body: ReferralIn,
) -> Referral:
    case = await case_for_update(session, principal, case_id)
    actor = actor_of(principal)
    if body.kind == ReferralKind.MARAC and AsbCategory.DOMESTIC_ABUSE.value not in (
        case.categories or []
    ):
        raise invalid("kind", "a MARAC referral is for a domestic abuse case")
    row = Referral(
        case_id=case.id,
        organisation_id=case.organisation_id,
        kind=body.kind.value,
        person_name=body.person_name,
        reason=body.reason,
        details=body.details,
        referred_by=actor,
        referred_at=utcnow(),
    )
    session.add(row)
    await session.flush()
    await record(
        session,
        case,
        actor=actor,
        kind="referral",
        summary=f"{REFERRAL_LABELS[body.kind]} referral for {body.person_name}: {body.reason}"[
            :2000
        ],
        data={"referral_id": str(row.id), "kind": row.kind, "person_name": row.person_name},
    )
    await timers.on_case_updated(session, case, utcnow())
    if body.kind == ReferralKind.ENGAGEMENT:
        await announce(
            session,
            outbox,
            case,
            EngagementReferralRequested(
                referral_id=row.id,
                case_id=case.id,
                case_reference=case.reference,
                subject_name=row.person_name,
                reason=row.reason,
                requested_by=actor,
            ),
        )
    return row


# --- closure and reopening --------------------------------------------------------------------


async def close(
    session: AsyncSession,
    outbox: Outbox,
    principal: Principal,
    case_id: uuid.UUID,
    body: ClosureIn,
) -> ClosureOut:
    case = await case_for_update(session, principal, case_id)
    actor = actor_of(principal)
    discussed = body.discussed_with_complainant_at
    if discussed is None and not case.anonymous:
        raise invalid(
            "discussed_with_complainant_at",
            "the closure must be discussed with the complainant first (unless anonymous)",
            "missing",
        )
    command = CLOSING_COMMANDS[body.outcome]
    contact: Contact | None = None
    if discussed is not None:
        contact = await _store_contact(
            session,
            case,
            actor=actor,
            with_whom=ContactWith.COMPLAINANT.value,
            method=body.discussion_method.value,
            at=discussed,
            summary=f"Closure discussed ({body.outcome.value}): {body.reason}",
        )
    await transition(session, outbox, case, command, actor=actor, reason=body.reason)
    outcome = closure_outcome(command)
    assert outcome is not None  # every closing command records an outcome
    closed_at = utcnow()
    case.outcome = outcome.value
    case.closure_reason = body.reason
    case.closed_at = closed_at
    await record(
        session,
        case,
        actor=actor,
        kind="closure",
        summary=f"Closed as {outcome.value}: {body.reason}"[:2000],
        data={
            "outcome": outcome.value,
            "reason": body.reason,
            "discussed_with_complainant_at": discussed.isoformat() if discussed else None,
            "contact_id": str(contact.id) if contact else None,
        },
    )
    await timers.on_closed(session, case, closed_at)
    references = list(
        await session.scalars(
            select(CaseReport.report_reference)
            .where(CaseReport.case_id == case.id)
            .order_by(CaseReport.received_at, CaseReport.report_reference)
        )
    )
    await announce(
        session,
        outbox,
        case,
        CaseClosed(
            case_id=case.id,
            case_reference=case.reference,
            version=case.version,
            status=case.status,
            outcome=outcome.value,
            reason=body.reason,
            closed_at=closed_at,
            anonymous=case.anonymous,
            complainant=complainant_of(case),
            report_references=references,
        ),
    )
    return ClosureOut(
        case_id=case.id,
        case_reference=case.reference,
        status=case.status,
        version=case.version,
        outcome=outcome.value,
        reason=body.reason,
        closed_at=closed_at,
        closed_by=actor,
        discussion_contact_id=contact.id if contact else None,
    )


async def reopen(
    session: AsyncSession,
    outbox: Outbox,
    principal: Principal,
    case_id: uuid.UUID,
    body: ReopenIn,
) -> ReopenOut:
    case = await case_for_update(session, principal, case_id)
    actor = actor_of(principal)
    await transition(session, outbox, case, CaseCommand.REOPEN, actor=actor, reason=body.reason)
    now = utcnow()
    case.outcome = None
    case.closure_reason = None
    case.closed_at = None
    await timers.on_reopened(session, case, now)
    return ReopenOut(
        case_id=case.id,
        case_reference=case.reference,
        status=case.status,
        version=case.version,
        reason=body.reason,
        reopened_at=now,
        reopened_by=actor,
    )


# --- reading ----------------------------------------------------------------------------------


async def records_of(
    session: AsyncSession,
    principal: Principal,
    case_id: uuid.UUID,
    model: type[Row],
    *,
    limit: int,
    cursor: uuid.UUID | None,
) -> list[Row]:
    """A page of one kind of record on the caller's organisation's case, newest first."""
    exists = await session.scalar(
        select(Case.id).where(Case.id == case_id, Case.organisation_id == principal.organisation_id)
    )
    if exists is None:
        raise not_found()
    query: Any = select(model).where(
        model.case_id == case_id, model.organisation_id == principal.organisation_id
    )
    if cursor is not None:
        query = query.where(model.id < cursor)
    return list(await session.scalars(query.order_by(model.id.desc()).limit(limit)))
