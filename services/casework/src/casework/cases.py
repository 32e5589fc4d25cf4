"""Use cases for cases: open one for a report or link the report to an open case; read them."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.contracts import (
    CaseAssigned,
    CaseOpened,
    Contact,
    EvidenceRef,
    FollowupReceived,
    MessageDelivered,
    MessageFailed,
    ReportLinked,
    ReportReceived,
)
from asb_shared.messaging import Outbox
from asb_shared.messaging.consumer import HandlerContext
from sqlalchemy import insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from . import timers
from .access import SYSTEM, announce, record
from .assignment import choose_officer, patch_of
from .lifecycle import CLOSED_STATES, CaseCommand, CaseStatus, apply
from .models import Case, CaseReport, Evidence, RiskAssessment
from .risk import InvalidAnswers, score
from .risk_sets import current_question_set
from .triage import address_key, not_asb_advice, priority_route, subject_keys


def _location_text(event: ReportReceived) -> str | None:
    loc = event.location
    parts = [loc.description, loc.address, loc.postcode]
    text = ", ".join(p for p in parts if p)
    if not text and loc.latitude is not None:
        text = f"{loc.latitude:.5f}, {loc.longitude:.5f}"
    return text or None


async def _open_case_to_link(
    session: AsyncSession, organisation_id: uuid.UUID, addr: str | None, subjects: list[str]
) -> tuple[Case, str] | None:
    """An open case about the same address or subject, with the reason it matches."""
    matches = []
    if addr:
        matches.append(Case.address_key == addr)
    if subjects:
        matches.append(Case.subject_keys.overlap(subjects))
    if not matches:
        return None
    case = await session.scalar(
        select(Case)
        .where(
            Case.organisation_id == organisation_id,
            Case.status.not_in([s.value for s in CLOSED_STATES]),
            or_(*matches),
        )
        .order_by(Case.opened_at.desc())
        .limit(1)
        .with_for_update()
    )
    if case is None:
        return None
    reasons = []
    if addr and case.address_key == addr:
        reasons.append("same address")
    shared = sorted(set(case.subject_keys) & set(subjects))
    if shared:
        reasons.append("same subject (" + ", ".join(s.split("@")[0] for s in shared) + ")")
    return case, " and ".join(reasons) + f" as open case {case.reference}"


async def handle_report(ctx: HandlerContext, event: ReportReceived) -> Case | None:
    """A new report joins the open case about the same address or subject, or opens a case.

    Further reports while a case is open are not new cases (the NM01 rule); a report after the
    case is closed opens a new one. Returns None if the report was already handled.
    """
    session = ctx.session
    if await session.scalar(
        select(CaseReport.case_id).where(CaseReport.report_id == event.report_id)
    ):
        return None
    addr = address_key(event.location)
    subjects = subject_keys(event.subjects)
    found = await _open_case_to_link(session, ctx.envelope.organisation_id, addr, subjects)
    if found is not None:
        case, reason = found
        await _attach(session, case, event, addr, subjects, link_reason=reason)
        case.categories = sorted(set(case.categories) | {c.value for c in event.categories})
        case.subject_keys = sorted(set(case.subject_keys) | set(subjects))
        await record(
            session,
            case,
            actor=SYSTEM,
            kind="report_linked",
            summary=f"Report {event.reference} linked: {reason}",
            data={"report_id": str(event.report_id)},
        )
        await timers.on_case_updated(session, case, event.received_at)
        await announce(
            session,
            ctx.outbox,
            case,
            ReportLinked(
                case_id=case.id,
                case_reference=case.reference,
                version=case.version,
                status=case.status,
                report_id=event.report_id,
                report_reference=event.reference,
                reason=reason,
                anonymous=event.anonymous,
                reporter=event.reporter,
            ),
        )
        return case
    return await open_case(session, ctx.outbox, event, ctx.envelope.organisation_id, addr, subjects)


async def _attach(
    session: AsyncSession,
    case: Case,
    event: ReportReceived,
    addr: str | None,
    subjects: list[str],
    *,
    link_reason: str | None,
) -> None:
    await session.execute(
        insert(CaseReport).values(
            report_id=event.report_id,
            case_id=case.id,
            organisation_id=case.organisation_id,
            report_reference=event.reference,
            channel=event.channel.value,
            description=event.description,
            occurred_at=event.occurred_at,
            received_at=event.received_at,
            address_key=addr,
            subject_keys=subjects,
            link_reason=link_reason,
            payload=event.model_dump(mode="json"),
        )
    )
    await register_evidence(
        session,
        case,
        event.evidence,
        origin=f"{event.channel.value} report {event.reference}",
        added_by=event.received_by or "reporter",
    )


async def open_case(
    session: AsyncSession,
    outbox: Outbox,
    event: ReportReceived,
    organisation_id: uuid.UUID,
    addr: str | None,
    subjects: list[str],
    *,
    actor: str = SYSTEM,
) -> Case:
    """Open, triage, assess and (if an officer is free) assign a case for one report."""
    reporter = event.reporter
    advice = not_asb_advice(event.categories, event.description)
    case = Case(
        organisation_id=organisation_id,
        status=CaseStatus.RECEIVED.value,
        version=1,
        categories=sorted({c.value for c in event.categories}),
        summary=event.description[:500],
        location=_location_text(event),
        address_key=addr,
        subject_keys=subjects,
        patch=patch_of(event.location.postcode),
        anonymous=event.anonymous,
        complainant_name=reporter.name if reporter else None,
        complainant_email=reporter.email if reporter else None,
        complainant_phone=reporter.phone if reporter else None,
        complainant_preferred_channel=reporter.preferred_channel.value
        if reporter and reporter.preferred_channel
        else None,
        priority_route=priority_route(event.categories),
        may_not_be_asb=advice is not None,
        not_asb_advice=advice,
        risk_level="standard",
    )
    session.add(case)
    await session.flush()
    await session.refresh(case, ["reference", "opened_at"])
    await _attach(session, case, event, addr, subjects, link_reason=None)
    await record(
        session,
        case,
        actor=actor,
        kind="opened",
        summary=f"Case opened for report {event.reference} ({event.channel.value})",
        data={"report_id": str(event.report_id)},
    )
    if event.risk_answers:
        await assess_risk(
            session,
            case,
            event.risk_answers,
            assessed_by="reporter (at intake)",
            at=event.received_at,
            strict=False,
        )
    # Triage: the route and any "often not ASB" flag are set above; a flagged report waits for
    # an officer to confirm or close it, everything else goes to an officer straight away.
    case.status = apply(CaseStatus.RECEIVED, CaseCommand.TRIAGE).value
    triage_notes = []
    if case.priority_route:
        triage_notes.append(f"priority route: {case.priority_route}")
    if advice:
        triage_notes.append(f"may not be ASB: {advice}")
    await record(
        session,
        case,
        actor=SYSTEM,
        kind="triaged",
        summary="Triaged" + (": " + "; ".join(triage_notes) if triage_notes else ""),
        data={"priority_route": case.priority_route, "may_not_be_asb": case.may_not_be_asb},
    )
    await timers.on_case_opened(session, case, event.received_at)
    assigned = None
    if not case.may_not_be_asb:
        officer = await choose_officer(session, organisation_id, case.patch)
        if officer is not None:
            assigned = officer
            case.officer_id, case.officer_name = officer.subject, officer.name
            case.status = apply(CaseStatus(case.status), CaseCommand.ASSIGN).value
            await record(
                session,
                case,
                actor=SYSTEM,
                kind="assigned",
                summary=f"Assigned to {officer.name} (patch {case.patch or 'unknown'}, fewest open cases)",
                data={"officer_id": officer.subject},
            )
    complainant = Contact.model_validate(reporter.model_dump()) if reporter else None
    await announce(
        session,
        outbox,
        case,
        CaseOpened(
            case_id=case.id,
            case_reference=case.reference,
            version=case.version,
            status=case.status,
            categories=event.categories,
            report_id=event.report_id,
            report_reference=event.reference,
            opened_at=case.opened_at,
            anonymous=event.anonymous,
            complainant=complainant,
        ),
    )
    if assigned is not None:
        await announce(
            session,
            outbox,
            case,
            CaseAssigned(
                case_id=case.id,
                case_reference=case.reference,
                version=case.version,
                status=case.status,
                officer_id=assigned.subject,
                officer_name=assigned.name,
                reason="automatic: patch and caseload",
            ),
        )
    return case


async def assess_risk(
    session: AsyncSession,
    case: Case,
    answers: dict[str, str],
    *,
    assessed_by: str,
    at: datetime,
    strict: bool = True,
) -> RiskAssessment | None:
    """Score answers with the organisation's current question set, keep the assessment, and
    apply its level to the case. With ``strict=False`` (answers from intake) answers that do
    not fit are dropped rather than refused."""
    version, question_set = await current_question_set(session, case.organisation_id)
    if not strict:
        by_id = {q.id: q for q in question_set.questions}
        answers = {k: v for k, v in answers.items() if k in by_id and v in by_id[k].answers}
        if not answers:
            return None
    try:
        scored = score(question_set, answers)
    except InvalidAnswers:
        if strict:
            raise
        return None
    assessment = RiskAssessment(
        case_id=case.id,
        organisation_id=case.organisation_id,
        question_set_version=version,
        answers=answers,
        score=scored.score,
        level=scored.level.value,
        assessed_by=assessed_by,
    )
    session.add(assessment)
    previous = case.risk_level
    case.risk_level = scored.level.value
    await record(
        session,
        case,
        actor=assessed_by,
        kind="risk_assessed",
        summary=f"Risk assessed as {scored.level.value} (score {scored.score}, question set v{version})",
        data={"score": scored.score, "level": scored.level.value, "previous": previous},
    )
    if previous != case.risk_level:
        await timers.on_risk_changed(session, case, case.risk_level, at)
    return assessment


ACKNOWLEDGEMENT_TEMPLATE = "report_acknowledgement"


async def record_acknowledgement(
    ctx: HandlerContext, event: MessageDelivered | MessageFailed
) -> None:
    """Keep on the case whether the complainant's acknowledgement reached them."""
    if event.template != ACKNOWLEDGEMENT_TEMPLATE or event.case_id is None:
        return
    values: dict[str, object] = (
        {"acknowledged_at": event.delivered_at, "acknowledgement_failed": False}
        if isinstance(event, MessageDelivered)
        else {"acknowledgement_failed": True}
    )
    cases = Case.__table__
    await ctx.session.execute(
        update(cases)
        .where(cases.c.id == event.case_id, cases.c.organisation_id == ctx.envelope.organisation_id)
        .values(**values)
    )


async def get_case(
    session: AsyncSession, organisation_id: uuid.UUID, case_id: uuid.UUID
) -> Case | None:
    """A case of the caller's organisation; another organisation's case does not exist for them."""
    return await session.scalar(
        select(Case).where(Case.id == case_id, Case.organisation_id == organisation_id)
    )


async def reports_of(session: AsyncSession, case_id: uuid.UUID) -> list[CaseReport]:
    return list(
        (
            await session.scalars(
                select(CaseReport)
                .where(CaseReport.case_id == case_id)
                .order_by(CaseReport.received_at)
            )
        ).all()
    )


async def register_evidence(
    session: AsyncSession, case: Case, refs: list[EvidenceRef], origin: str, added_by: str
) -> None:
    """Put files a reporter sent into the case's evidence register, with their hashes."""
    for ref in refs:
        session.add(
            Evidence(
                id=ref.evidence_id,
                case_id=case.id,
                organisation_id=case.organisation_id,
                kind=_evidence_kind(ref.content_type),
                origin=origin,
                description=ref.filename,
                sha256=ref.sha256,
                location=ref.storage_key,
                added_by=added_by,
            )
        )


def _evidence_kind(content_type: str) -> str:
    major = content_type.split("/")[0]
    return {"image": "photo", "audio": "audio", "video": "video"}.get(major, "document")


async def handle_followup(ctx: HandlerContext, event: FollowupReceived) -> None:
    """A reporter added an incident or evidence: it goes on the case's timeline and register."""
    session = ctx.session
    case = await session.scalar(
        select(Case)
        .join(CaseReport, CaseReport.case_id == Case.id)
        .where(
            CaseReport.report_id == event.report_id,
            Case.organisation_id == ctx.envelope.organisation_id,
        )
        .with_for_update(of=Case)
    )
    if case is None:
        # The report's own event has not been handled yet: retried after a delay.
        raise LookupError(f"no case yet for report {event.report_reference}")
    what = "new incident" if event.kind == "incident" else "evidence"
    summary = f"Reporter added {what} to {event.report_reference}"
    if event.description:
        summary += f": {event.description[:500]}"
    await record(
        session,
        case,
        actor="reporter",
        kind=f"followup_{event.kind}",
        summary=summary,
        data={
            "followup_id": str(event.followup_id),
            "occurred_at": event.occurred_at.isoformat() if event.occurred_at else None,
        },
    )
    await register_evidence(
        session,
        case,
        event.evidence,
        origin=f"reporter follow-up on {event.report_reference}",
        added_by="reporter",
    )
    await timers.on_case_updated(session, case, event.occurred_at or ctx.envelope.occurred_at)


async def note_on_cases(
    ctx: HandlerContext,
    report_references: list[str],
    *,
    kind: str,
    summary: str,
    data: dict[str, object],
) -> int:
    """Put an entry on the timeline of each case the reports belong to; returns how many."""
    cases = list(
        (
            await ctx.session.scalars(
                select(Case)
                .where(
                    Case.organisation_id == ctx.envelope.organisation_id,
                    Case.id.in_(
                        select(CaseReport.case_id).where(
                            CaseReport.report_reference.in_(report_references)
                        )
                    ),
                )
                .order_by(Case.id)
                .with_for_update()
            )
        ).all()
    )
    for case in cases:
        await record(ctx.session, case, actor="complainant", kind=kind, summary=summary, data=data)
    return len(cases)
