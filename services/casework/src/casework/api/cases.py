"""The officers' case API: find cases, read them, and move them along."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth import Principal, Role, require_roles
from asb_shared.contracts import AsbCategory, CaseAssigned, CaseClosed, ReportReceived
from asb_shared.db import utcnow
from asb_shared.errors import ApiError, ErrorDetail, ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep, OutboxDep
from fastapi import APIRouter, Depends, Query
from sqlalchemy import any_, delete, exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from .. import timers
from ..access import (
    actor_of,
    announce,
    case_for_update,
    complainant_of,
    not_found,
    record,
    transition,
)
from ..cases import assess_risk, get_case, open_case, reports_of
from ..lifecycle import CLOSED_STATES, CaseCommand, CaseStatus, allowed_commands
from ..models import Case, CaseReport, Officer, RiskAssessment, Standard, TimelineEntry
from ..risk import InvalidAnswers, QuestionSet
from ..risk_sets import current_question_set, publish_question_set
from ..schemas import (
    AssignmentIn,
    CaseDetail,
    CaseReportOut,
    CaseSummary,
    CommandIn,
    ComplainantOut,
    ConfirmAsbIn,
    MyCase,
    NextDue,
    OfficerIn,
    OfficerOut,
    QuestionSetOut,
    RiskAssessmentIn,
    RiskAssessmentOut,
    TimelineOut,
    UnlinkIn,
)

router = APIRouter(
    tags=["cases"],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
)

Staff = Annotated[Principal, Depends(require_roles(Role.OFFICER, Role.TEAM_LEADER, Role.ADMIN))]
Leader = Annotated[Principal, Depends(require_roles(Role.TEAM_LEADER, Role.ADMIN))]
Admin = Annotated[Principal, Depends(require_roles(Role.ADMIN))]
NOT_FOUND = {404: {"model": ErrorResponse}}
CONFLICT = {404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}}

_OPEN = [s.value for s in CaseStatus if s not in CLOSED_STATES]


@router.get("/v1/cases", response_model=Page[CaseSummary])
async def cases(
    principal: Staff,
    db: DbDep,
    status: CaseStatus | None = None,
    open_only: bool = False,
    officer_id: Annotated[str | None, Query(max_length=200)] = None,
    risk: Annotated[str | None, Query(pattern="^(standard|medium|high)$")] = None,
    category: AsbCategory | None = None,
    breached: bool | None = Query(
        None, description="only cases with (true) or without (false) a breached standard"
    ),
    area: Annotated[
        str | None, Query(max_length=10, description="patch (postcode district)")
    ] = None,
    report_reference: Annotated[str | None, Query(max_length=32)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[CaseSummary]:
    """Cases of the caller's organisation, newest first, filtered."""
    query = select(Case).where(Case.organisation_id == principal.organisation_id)
    if status:
        query = query.where(Case.status == status.value)
    if open_only:
        query = query.where(Case.status.in_(_OPEN))
    if officer_id:
        query = query.where(Case.officer_id == officer_id)
    if risk:
        query = query.where(Case.risk_level == risk)
    if category:
        query = query.where(any_(Case.categories) == category.value)
    if area:
        query = query.where(Case.patch == area.upper())
    if breached is not None:
        has_breach = exists().where(Standard.case_id == Case.id, Standard.status == "breached")
        query = query.where(has_breach if breached else ~has_breach)
    if report_reference:
        query = query.where(
            Case.id.in_(
                select(CaseReport.case_id).where(CaseReport.report_reference == report_reference)
            )
        )
    if cursor:
        query = query.where(Case.id < cursor)
    async with db.sessions() as session:
        rows = list((await session.scalars(query.order_by(Case.id.desc()).limit(limit))).all())
    return page_of(rows, limit, CaseSummary.model_validate, lambda c: c.id)


@router.get("/v1/my-cases", response_model=list[MyCase])
async def my_cases(principal: Staff, db: DbDep) -> list[MyCase]:
    """The caller's open cases, the most urgent first: what is due next, and what has breached."""
    async with db.sessions() as session:
        rows = list(
            (
                await session.scalars(
                    select(Case).where(
                        Case.organisation_id == principal.organisation_id,
                        Case.officer_id == principal.subject,
                        Case.status.in_(_OPEN),
                    )
                )
            ).all()
        )
        standards = list(
            (
                await session.scalars(
                    select(Standard)
                    .where(
                        Standard.case_id.in_([c.id for c in rows]),
                        Standard.status.in_(["running", "breached"]),
                    )
                    .order_by(Standard.due_at)
                )
            ).all()
        )
    result = []
    for case in rows:
        own = [s for s in standards if s.case_id == case.id]
        running = [s for s in own if s.status == "running"]
        nxt = running[0] if running else None
        result.append(
            MyCase(
                **CaseSummary.model_validate(case).model_dump(),
                next_due=NextDue(kind=nxt.kind, due_at=nxt.due_at, warned=nxt.warned_at is not None)
                if nxt
                else None,
                breached=[s.kind for s in own if s.status == "breached"],
            )
        )
    far = utcnow().replace(year=9999)
    return sorted(result, key=lambda c: (not c.breached, c.next_due.due_at if c.next_due else far))


@router.get("/v1/cases/{case_id}", response_model=CaseDetail, responses=NOT_FOUND)
async def case(case_id: uuid.UUID, principal: Staff, db: DbDep) -> CaseDetail:
    """One case with its reports and the commands allowed now. Another organisation's case is
    simply not found."""
    async with db.sessions() as session:
        found = await get_case(session, principal.organisation_id, case_id)
        if found is None:
            raise not_found()
        reports = await reports_of(session, found.id)
    return _detail(found, reports)


def _detail(found: Case, reports: list[CaseReport]) -> CaseDetail:
    return CaseDetail(
        **CaseSummary.model_validate(found).model_dump(),
        not_asb_advice=found.not_asb_advice,
        closure_reason=found.closure_reason,
        contact_frequency_days=found.contact_frequency_days,
        allowed_commands=[c.value for c in allowed_commands(CaseStatus(found.status))],
        complainant=ComplainantOut(
            name=found.complainant_name,
            email=found.complainant_email,
            phone=found.complainant_phone,
            preferred_channel=found.complainant_preferred_channel,
            anonymous=found.anonymous,
        ),
        reports=[CaseReportOut.model_validate(r) for r in reports],
    )


@router.get("/v1/cases/{case_id}/timeline", response_model=list[TimelineOut], responses=NOT_FOUND)
async def timeline(case_id: uuid.UUID, principal: Staff, db: DbDep) -> list[TimelineOut]:
    """Everything that happened on the case, oldest first: who, when, what and why."""
    async with db.sessions() as session:
        if await get_case(session, principal.organisation_id, case_id) is None:
            raise not_found()
        rows = (
            await session.scalars(
                select(TimelineEntry)
                .where(TimelineEntry.case_id == case_id)
                .order_by(TimelineEntry.at, TimelineEntry.id)
            )
        ).all()
    return [TimelineOut.model_validate(r) for r in rows]


SIMPLE_COMMANDS = {
    CaseCommand.START_INVESTIGATION,
    CaseCommand.START_INTERVENTIONS,
    CaseCommand.MARK_NOT_ASB,
}


@router.post("/v1/cases/{case_id}/commands", response_model=CaseDetail, responses=CONFLICT)
async def command(
    case_id: uuid.UUID, body: CommandIn, principal: Staff, db: DbDep, outbox: OutboxDep
) -> CaseDetail:
    """Move the case on: start an investigation, start interventions, or close it at triage as not
    ASB (the reason is the advice given). Other steps have their own endpoints, because they
    record more than a reason (assignment, action plan, closure, reopening)."""
    if body.command not in SIMPLE_COMMANDS:
        raise ApiError(
            422,
            "validation_failed",
            "This step has its own endpoint.",
            [
                ErrorDetail(
                    field="command",
                    message=f"use one of: {', '.join(sorted(c.value for c in SIMPLE_COMMANDS))}",
                    type="unsupported_command",
                )
            ],
        )
    if body.command is CaseCommand.MARK_NOT_ASB and not body.reason:
        raise ApiError(
            422,
            "validation_failed",
            "Say what advice was given.",
            [
                ErrorDetail(
                    field="reason", message="required to close a case as not ASB", type="missing"
                )
            ],
        )
    actor = actor_of(principal)
    async with db.transaction() as session:
        found = await case_for_update(session, principal, case_id)
        await transition(session, outbox, found, body.command, actor=actor, reason=body.reason)
        now = utcnow()
        reports = await reports_of(session, found.id)
        if body.command is CaseCommand.MARK_NOT_ASB:
            found.outcome, found.closure_reason, found.closed_at = "not_asb", body.reason, now
            await timers.on_closed(session, found, now)
            await announce(
                session,
                outbox,
                found,
                CaseClosed(
                    case_id=found.id,
                    case_reference=found.reference,
                    version=found.version,
                    status=found.status,
                    outcome="not_asb",
                    reason=body.reason or "",
                    closed_at=now,
                    anonymous=found.anonymous,
                    complainant=complainant_of(found),
                    report_references=[r.report_reference for r in reports],
                ),
            )
        else:
            await timers.on_case_updated(session, found, now)
    return _detail(found, reports)


@router.post("/v1/cases/{case_id}/confirm-asb", response_model=CaseDetail, responses=CONFLICT)
async def confirm_asb(
    case_id: uuid.UUID, body: ConfirmAsbIn, principal: Staff, db: DbDep
) -> CaseDetail:
    """Override triage's "may not be ASB" flag: the case goes on as ASB."""
    async with db.transaction() as session:
        found = await case_for_update(session, principal, case_id)
        if not found.may_not_be_asb:
            raise ApiError(409, "not_flagged", "This case is not flagged as possibly not ASB.")
        found.may_not_be_asb = False
        await record(
            session,
            found,
            actor=actor_of(principal),
            kind="triage_override",
            summary=f"Confirmed as ASB: {body.reason}",
            data={"advice_was": found.not_asb_advice},
        )
        reports = await reports_of(session, found.id)
    return _detail(found, reports)


@router.post("/v1/cases/{case_id}/assignment", response_model=CaseDetail, responses=CONFLICT)
async def assign(
    case_id: uuid.UUID, body: AssignmentIn, principal: Leader, db: DbDep, outbox: OutboxDep
) -> CaseDetail:
    """A team leader assigns or reassigns the case's designated officer, with the reason kept."""
    actor = actor_of(principal)
    async with db.transaction() as session:
        found = await case_for_update(session, principal, case_id)
        officer = await session.scalar(
            select(Officer).where(
                Officer.organisation_id == principal.organisation_id,
                Officer.subject == body.officer_id,
                Officer.active.is_(True),
            )
        )
        if officer is None:
            raise ApiError(
                422,
                "validation_failed",
                "No such active officer.",
                [
                    ErrorDetail(
                        field="officer_id",
                        message="not an active officer of this organisation",
                        type="unknown_officer",
                    )
                ],
            )
        if CaseStatus(found.status) in CLOSED_STATES:
            raise ApiError(409, "case_closed", "A closed case cannot be assigned; reopen it first.")
        previous = found.officer_name
        found.officer_id, found.officer_name = officer.subject, officer.name
        if found.status == CaseStatus.TRIAGED.value:
            await transition(
                session, outbox, found, CaseCommand.ASSIGN, actor=actor, reason=body.reason
            )
        await record(
            session,
            found,
            actor=actor,
            kind="assigned",
            summary=f"Assigned to {officer.name}"
            + (f" (was {previous})" if previous else "")
            + f": {body.reason}",
            data={"officer_id": officer.subject, "previous": previous},
        )
        await announce(
            session,
            outbox,
            found,
            CaseAssigned(
                case_id=found.id,
                case_reference=found.reference,
                version=found.version,
                status=found.status,
                officer_id=officer.subject,
                officer_name=officer.name,
                reason=body.reason,
            ),
        )
        reports = await reports_of(session, found.id)
    return _detail(found, reports)


@router.post(
    "/v1/cases/{case_id}/risk-assessments",
    status_code=201,
    response_model=RiskAssessmentOut,
    responses=NOT_FOUND,
)
async def reassess(
    case_id: uuid.UUID, body: RiskAssessmentIn, principal: Staff, db: DbDep
) -> RiskAssessmentOut:
    """An officer re-assesses the complainant's risk with the organisation's current matrix."""
    async with db.transaction() as session:
        found = await case_for_update(session, principal, case_id)
        try:
            assessment = await assess_risk(
                session, found, body.answers, assessed_by=actor_of(principal), at=utcnow()
            )
        except InvalidAnswers as exc:
            raise ApiError(
                422,
                "validation_failed",
                "Some answers do not fit the question set.",
                [
                    ErrorDetail(field=f"answers.{k}", message=v, type="invalid_answer")
                    for k, v in exc.problems.items()
                ],
            ) from exc
        assert assessment is not None
        await session.flush()
    return RiskAssessmentOut.model_validate(assessment)


@router.get(
    "/v1/cases/{case_id}/risk-assessments",
    response_model=list[RiskAssessmentOut],
    responses=NOT_FOUND,
)
async def risk_history(case_id: uuid.UUID, principal: Staff, db: DbDep) -> list[RiskAssessmentOut]:
    """Every assessment of the case, oldest first."""
    async with db.sessions() as session:
        if await get_case(session, principal.organisation_id, case_id) is None:
            raise not_found()
        rows = (
            await session.scalars(
                select(RiskAssessment)
                .where(RiskAssessment.case_id == case_id)
                .order_by(RiskAssessment.assessed_at)
            )
        ).all()
    return [RiskAssessmentOut.model_validate(r) for r in rows]


@router.post(
    "/v1/cases/{case_id}/reports/{report_id}/unlink",
    status_code=201,
    response_model=CaseDetail,
    responses=CONFLICT,
)
async def unlink(
    case_id: uuid.UUID,
    report_id: uuid.UUID,
    body: UnlinkIn,
    principal: Staff,
    db: DbDep,
    outbox: OutboxDep,
) -> CaseDetail:
    """Take a report that was linked automatically out of the case; it opens a case of its own."""
    actor = actor_of(principal)
    async with db.transaction() as session:
        found = await case_for_update(session, principal, case_id)
        link = await session.scalar(
            select(CaseReport).where(
                CaseReport.case_id == found.id, CaseReport.report_id == report_id
            )
        )
        if link is None:
            raise ApiError(404, "not_found", "That report is not part of this case.")
        if link.link_reason is None:
            raise ApiError(
                409,
                "not_linked",
                "This is the report the case was opened for; it cannot be unlinked.",
            )
        event = ReportReceived.model_validate(link.payload)
        await session.execute(delete(CaseReport).where(CaseReport.report_id == report_id))
        await record(
            session,
            found,
            actor=actor,
            kind="report_unlinked",
            summary=f"Report {link.report_reference} unlinked: {body.reason}",
            data={"report_id": str(report_id)},
        )
        new_case = await open_case(
            session,
            outbox,
            event,
            found.organisation_id,
            link.address_key,
            list(link.subject_keys),
            actor=actor,
        )
        await record(
            session,
            new_case,
            actor=actor,
            kind="opened_from_unlink",
            summary=f"Opened from report {link.report_reference}, unlinked from {found.reference}: {body.reason}",
        )
        reports = await reports_of(session, new_case.id)
    return _detail(new_case, reports)


@router.put("/v1/officers/{subject}", response_model=OfficerOut)
async def put_officer(subject: str, body: OfficerIn, principal: Leader, db: DbDep) -> OfficerOut:
    """Register an officer, or change their patches or whether they take new cases."""
    async with db.transaction() as session:
        stmt = pg_insert(Officer).values(
            organisation_id=principal.organisation_id,
            subject=subject,
            name=body.name,
            patches=body.patches,
            active=body.active,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[Officer.organisation_id, Officer.subject],
            set_={"name": body.name, "patches": body.patches, "active": body.active},
        )
        await session.execute(stmt)
    return OfficerOut(subject=subject, name=body.name, patches=body.patches, active=body.active)


@router.get("/v1/officers", response_model=list[OfficerOut])
async def officers(principal: Staff, db: DbDep) -> list[OfficerOut]:
    async with db.sessions() as session:
        rows = (
            await session.scalars(
                select(Officer)
                .where(Officer.organisation_id == principal.organisation_id)
                .order_by(Officer.name)
            )
        ).all()
    return [OfficerOut.model_validate(r) for r in rows]


@router.get("/v1/risk-question-set", response_model=QuestionSetOut)
async def question_set(principal: Staff, db: DbDep) -> QuestionSetOut:
    """The risk matrix in force for the caller's organisation (version 0 is the default)."""
    async with db.sessions() as session:
        version, definition = await current_question_set(session, principal.organisation_id)
    return QuestionSetOut(version=version, definition=definition)


@router.put("/v1/risk-question-set", response_model=QuestionSetOut, status_code=201)
async def put_question_set(body: QuestionSet, principal: Admin, db: DbDep) -> QuestionSetOut:
    """Publish a new version of the organisation's risk matrix."""
    async with db.transaction() as session:
        row = await publish_question_set(
            session, principal.organisation_id, body, actor_of(principal)
        )
    return QuestionSetOut(version=row.version, definition=body)


@router.post("/v1/cases/{case_id}/manager-review", response_model=CaseDetail, responses=NOT_FOUND)
async def manager_review(
    case_id: uuid.UUID, body: ConfirmAsbIn, principal: Leader, db: DbDep
) -> CaseDetail:
    """A team leader's monthly review of the case: it meets the review standard and starts the next."""
    async with db.transaction() as session:
        found = await case_for_update(session, principal, case_id)
        now = utcnow()
        await record(
            session,
            found,
            actor=actor_of(principal),
            kind="manager_review",
            summary=f"Manager review: {body.reason}",
        )
        await timers.on_manager_review(session, found, now)
        reports = await reports_of(session, found.id)
    return _detail(found, reports)
