"""What a reporter can do and see with their reference and token (read their report, add
incidents, answer the survey), and the projection of case events into what they see."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from asb_shared.contracts.intake import FollowupReceived, SurveySubmitted
from asb_shared.db import uuid7
from asb_shared.usecase import Conflict, UnitOfWork
from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from ..idempotency.keys import Replay, Retryable, once
from ..reports.access import ReporterCredentials, reporters_report
from ..reports.anonymity import may_be_contacted
from ..reports.models import EvidenceFile, Followup, Report, ReportStatus
from . import projection
from .models import InAppMessage, ReporterUpdate, SurveyResponse
from .schemas import (
    EvidenceSummary,
    FollowupOut,
    MessageOut,
    ReporterView,
    ReportStatusOut,
    SurveyIn,
    SurveyThanks,
    UpdateOut,
)

log = logging.getLogger(__name__)

# --- what the reporter reads ---------------------------------------------------------------


async def report_status(uow: UnitOfWork, credentials: ReporterCredentials) -> ReportStatusOut:
    """Where a report has got to."""
    report, status = await reporters_report(uow, credentials)
    return ReportStatusOut(
        reference=report.reference,
        status=status.status,
        received_at=report.received_at,
        case_reference=status.case_reference,
        updated_at=status.updated_at,
    )


async def reporter_view(uow: UnitOfWork, credentials: ReporterCredentials) -> ReporterView:
    """The reporter's own report, what they added since and the updates meant for them."""
    report, status = await reporters_report(uow, credentials)
    session = uow.session
    followups = (
        await session.scalars(
            select(Followup).where(Followup.report_id == report.id).order_by(Followup.received_at)
        )
    ).all()
    evidence = (
        await session.scalars(
            select(EvidenceFile)
            .where(EvidenceFile.report_id == report.id)
            .order_by(EvidenceFile.received_at)
        )
    ).all()
    updates = (
        await session.scalars(
            select(ReporterUpdate)
            .where(ReporterUpdate.report_id == report.id)
            .order_by(ReporterUpdate.at)
        )
    ).all()
    messages = (
        await session.scalars(
            select(InAppMessage)
            .where(InAppMessage.report_id == report.id)
            .order_by(InAppMessage.posted_at, InAppMessage.message_id)
        )
    ).all()
    answered = await session.scalar(
        select(SurveyResponse.id).where(SurveyResponse.report_id == report.id)
    )
    return ReporterView(
        reference=report.reference,
        status=status.status,
        case_reference=status.case_reference,
        officer_name=status.officer_name,
        categories=list(report.categories),
        description=report.description,
        occurred_at=report.occurred_at,
        received_at=report.received_at,
        followups=[FollowupOut.model_validate(f) for f in followups],
        evidence=[EvidenceSummary.model_validate(e) for e in evidence],
        updates=[UpdateOut.model_validate(u) for u in updates],
        messages=[MessageOut.model_validate(m) for m in messages],
        survey_open=projection.survey_open(status.status, answered is not None, report.anonymous),
    )


# --- what the reporter adds ----------------------------------------------------------------


@dataclass(frozen=True)
class AddFollowup:
    credentials: ReporterCredentials
    description: str
    occurred_at: datetime
    retry: Retryable | None = None


async def add_followup(uow: UnitOfWork, command: AddFollowup) -> FollowupOut | Replay:
    """Record a new incident on the report and tell casework (once per Idempotency-Key)."""
    report, _ = await reporters_report(uow, command.credentials)

    async def make() -> FollowupOut:
        return await _record_followup(uow, report, command)

    return await once(uow, command.retry, make)


async def _record_followup(uow: UnitOfWork, report: Report, command: AddFollowup) -> FollowupOut:
    row = (
        await uow.session.execute(
            insert(Followup)
            .values(
                organisation_id=report.organisation_id,
                report_id=report.id,
                kind="incident",
                description=command.description,
                occurred_at=command.occurred_at,
            )
            .returning(Followup)
        )
    ).scalar_one()
    await uow.emit(
        FollowupReceived(
            followup_id=row.id,
            report_id=report.id,
            report_reference=report.reference,
            kind="incident",
            description=command.description,
            occurred_at=command.occurred_at,
        ),
        organisation_id=report.organisation_id,
    )
    return FollowupOut.model_validate(row)


@dataclass(frozen=True)
class SubmitSurvey:
    credentials: ReporterCredentials
    answers: SurveyIn
    retry: Retryable | None = None


async def submit_survey(uow: UnitOfWork, command: SubmitSurvey) -> SurveyThanks | Replay:
    """Keep the answers (once per report, after closure) and pass them on for the measures; a
    retry with the same Idempotency-Key gets the thanks again, not "already answered"."""
    report, status = await reporters_report(uow, command.credentials)

    async def make() -> SurveyThanks:
        await _record_survey(uow, report, status, command.answers)
        return SurveyThanks()

    return await once(uow, command.retry, make)


async def _record_survey(
    uow: UnitOfWork, report: Report, status: ReportStatus, answers: SurveyIn
) -> None:
    if status.status != projection.CLOSED:
        raise Conflict("The survey opens when the case is closed.", code="not_closed")
    stored = await uow.session.execute(
        pg_insert(SurveyResponse)
        .values(
            organisation_id=report.organisation_id,
            report_id=report.id,
            handling=answers.handling,
            outcome=answers.outcome,
            comments=answers.comments,
        )
        .on_conflict_do_nothing(index_elements=[SurveyResponse.report_id])
        .returning(SurveyResponse.id)
    )
    if stored.first() is None:
        raise Conflict("This survey has already been answered. Thank you.", code="already_answered")
    await uow.emit(
        SurveySubmitted(
            report_id=report.id,
            report_reference=report.reference,
            case_reference=status.case_reference,
            handling=answers.handling,
            outcome=answers.outcome,
            comments=answers.comments,
        ),
        organisation_id=report.organisation_id,
    )


# --- the projection of case events ---------------------------------------------------------


@dataclass(frozen=True)
class FollowCase:
    """A report has a case now (opened for it, or joined to one): the reporter follows it."""

    report_id: uuid.UUID
    case_reference: str
    version: int
    case_status: str
    update: projection.Update


# The projection runs for every case event, so its statements are plain SQL (a Core or ORM
# statement costs more to build than to send) and as few as the rule allows: one for an event
# that changes nothing, which is most of them (an event older than the version held).
_FOLLOW = (
    "WITH followed AS (UPDATE report_status"
    " SET status = $1, case_reference = $2, case_version = $3, updated_at = now()"
    " WHERE report_id = $4 AND case_version < $3 RETURNING report_id)"
    " INSERT INTO reporter_updates (id, report_id, at, text)"
    " SELECT $5, f.report_id, $6, CASE WHEN r.contact_preferences->>'language' = 'cy'"
    " THEN $8 ELSE $7 END FROM followed f JOIN reports r ON r.id = f.report_id"
)
_MOVE = (
    "UPDATE report_status SET status = $1, case_version = $2, updated_at = now(),"
    " officer_name = COALESCE($4, officer_name)"
    " WHERE case_reference = $3 AND case_version <= $2 RETURNING report_id"
)
"""A change as new as the one held still applies: the events of one change of a case share its
version (a case opened and assigned to its officer at once), and the inbox already drops a
second delivery of the same event."""
_NAME_LATE = (
    "UPDATE report_status SET officer_name = $1"
    " WHERE case_reference = $2 AND officer_name IS NULL AND case_version > $3"
)
"""An assignment that arrives after a newer change of its case (retried, say) still names the
officer, unless the reporter already sees one."""
_TELL = (
    "INSERT INTO reporter_updates (id, report_id, at, text)"
    " SELECT told.id, told.report_id, $3, CASE WHEN r.contact_preferences->>'language' = 'cy'"
    " THEN $5 ELSE $4 END FROM unnest($1::uuid[], $2::uuid[]) AS told(id, report_id)"
    " JOIN reports r ON r.id = told.report_id"
)


async def follow_case(uow: UnitOfWork, command: FollowCase) -> None:
    """The report follows the case (status, reference and version) and its reporter is told,
    unless the version held is already as new."""
    connection = await uow.session.connection()
    await connection.exec_driver_sql(
        _FOLLOW,
        (
            projection.reporter_status(command.case_status),
            command.case_reference,
            command.version,
            command.report_id,
            uuid7(),
            uow.now(),
            command.update.en,
            command.update.cy,
        ),
    )


@dataclass(frozen=True)
class CaseMoved:
    """A case changed: every report that follows it shows the change (and the update, if any)."""

    case_reference: str
    version: int
    case_status: str
    update: projection.Update | None
    officer_name: str | None = None
    """Set when the case is assigned: the reporter sees who their officer is."""


async def case_moved(uow: UnitOfWork, command: CaseMoved) -> None:
    """Every report following the case at an older version moves with it; with an update, each
    one's reporter is told (several reports can follow one case: a second complainant's)."""
    connection = await uow.session.connection()
    moved = (
        await connection.exec_driver_sql(
            _MOVE,
            (
                projection.reporter_status(command.case_status),
                command.version,
                command.case_reference,
                command.officer_name,
            ),
        )
    ).all()
    if not moved and command.officer_name:
        await connection.exec_driver_sql(
            _NAME_LATE, (command.officer_name, command.case_reference, command.version)
        )
    if command.update and moved:
        await connection.exec_driver_sql(
            _TELL,
            (
                [uuid7() for _ in moved],
                [row.report_id for row in moved],
                uow.now(),
                command.update.en,
                command.update.cy,
            ),
        )


# --- messages for the reporter's status view -------------------------------------------------


@dataclass(frozen=True)
class PostInAppMessage:
    """Notifications chose the in-app channel for a message to a report's maker."""

    organisation_id: uuid.UUID
    report_reference: str
    message_id: uuid.UUID
    subject: str
    body: str
    posted_at: datetime


async def post_in_app_message(uow: UnitOfWork, command: PostInAppMessage) -> bool:
    """Show the message in the reporter's status view, once; returns whether it was kept.

    Never for an anonymous report (nobody is ever addressed about it), nor for a reference of
    another organisation.
    """
    report = (
        await uow.session.execute(
            select(Report.id, Report.anonymous).where(
                Report.reference == command.report_reference,
                Report.organisation_id == command.organisation_id,
            )
        )
    ).first()
    if report is None:
        log.warning(
            "in-app message for an unknown report not kept",
            extra={"message_id": str(command.message_id)},
        )
        return False
    if not may_be_contacted(report.anonymous):
        log.warning(
            "in-app message for an anonymous report not kept",
            extra={"message_id": str(command.message_id)},
        )
        return False
    kept = await uow.session.execute(
        pg_insert(InAppMessage)
        .values(
            message_id=command.message_id,
            report_id=report.id,
            subject=command.subject,
            body=command.body,
            posted_at=command.posted_at,
        )
        .on_conflict_do_nothing(index_elements=[InAppMessage.message_id])
        .returning(InAppMessage.message_id)
    )
    return kept.first() is not None
