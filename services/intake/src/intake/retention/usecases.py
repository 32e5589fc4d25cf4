"""Use cases of retention in intake."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from asb_shared.erasure import scrub
from asb_shared.evidence.storage import EvidenceStore
from asb_shared.organisations import organisations
from asb_shared.retention import RecordType, Trigger, latest_start
from asb_shared.retention_schedules import reference_not_held, schedule_of
from asb_shared.usecase import UnitOfWork
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert

from ..channels.email.models import InboundMail
from ..reporter.models import InAppMessage, ReporterUpdate, SurveyResponse
from ..reporter.projection import CLOSED
from ..reports.models import EvidenceFile, Followup, Report, ReportStatus
from .models import EvidenceErasure


@dataclass(frozen=True)
class RemoveReports:
    """Casework says the case of these reports reached the end of its retention period."""

    organisation_id: uuid.UUID
    report_ids: list[uuid.UUID]


async def remove_reports(uow: UnitOfWork, command: RemoveReports) -> int:
    """The reports go with everything intake holds of them (follow-ups, updates, messages, the
    survey, the email they came in); their evidence files are queued for removal from storage.
    Returns how many reports went (none the second time: the effect happens once)."""
    ids = command.report_ids
    keys = list(
        await uow.session.scalars(
            select(EvidenceFile.storage_key).where(EvidenceFile.report_id.in_(ids))
        )
    )
    if keys:
        await uow.session.execute(
            insert(EvidenceErasure)
            .values([{"storage_key": k, "organisation_id": command.organisation_id} for k in keys])
            .on_conflict_do_nothing()
        )
    for model in (
        EvidenceFile,
        InAppMessage,
        ReporterUpdate,
        SurveyResponse,
        ReportStatus,
        InboundMail,
        Followup,
    ):
        await uow.session.execute(delete(model).where(model.report_id.in_(ids)))
    removed = await uow.session.execute(delete(Report).where(Report.id.in_(ids)))
    return int(getattr(removed, "rowcount", 0))


@dataclass(frozen=True)
class EraseReporter:
    """An officer granted the reporter's request to erase their personal data."""

    report_ids: list[uuid.UUID]


async def erase_reporter(uow: UnitOfWork, command: EraseReporter) -> None:
    """The reporter's name, contact details and contact wishes go from their reports, and the
    emails they sent them by (which carry their address) go, and any other text that quotes
    them (the published events included)."""
    reports = await uow.session.execute(
        select(
            Report.reporter_name,
            Report.reporter_email,
            Report.reporter_phone,
            Report.reporter_address,
        ).where(Report.id.in_(command.report_ids))
    )
    details = [d for row in reports for d in row]
    await uow.session.execute(
        update(Report)
        .where(Report.id.in_(command.report_ids))
        .values(
            reporter_name=None,
            reporter_email=None,
            reporter_phone=None,
            reporter_address=None,
            reporter_code_word=None,
            contact_preferences=None,
            contact_times=None,
            safe_contact=None,
            preferred_channel=None,
        )
    )
    await uow.session.execute(
        delete(InboundMail).where(InboundMail.report_id.in_(command.report_ids))
    )
    await scrub(uow.session, details)


@dataclass(frozen=True)
class EraseFiles:
    store: EvidenceStore
    batch: int = 50


async def erase_files(uow: UnitOfWork, command: EraseFiles) -> int:
    """Remove a batch of queued files from storage (claimed ``SKIP LOCKED``: any number of
    workers); a file already gone is fine, so a retried batch does no harm."""
    keys = list(
        await uow.session.scalars(
            select(EvidenceErasure.storage_key)
            .order_by(EvidenceErasure.requested_at)
            .limit(command.batch)
            .with_for_update(skip_locked=True)
        )
    )
    for key in keys:
        await command.store.delete(key)
    if keys:
        await uow.session.execute(
            delete(EvidenceErasure).where(EvidenceErasure.storage_key.in_(keys))
        )
    return len(keys)


@dataclass(frozen=True)
class ForgetTrackingSecrets:
    """One batch of the reports whose tracking secret's period has ended on ``on``."""

    on: date
    batch: int = 200


async def forget_tracking_secrets(uow: UnitOfWork, command: ForgetTrackingSecrets) -> int:
    """A report whose case closed longer ago than its landlord's schedule keeps a tracking
    secret can no longer be followed with it: the secret's hash goes (no token matches an
    empty one), unless the case is under a legal hold. Returns how many."""
    done = 0
    for organisation_id in await uow.session.scalars(select(organisations.c.id)):
        schedule = await schedule_of(uow.session, organisation_id)
        if schedule.tracking_secret.after is not Trigger.CLOSED:
            continue  # the reporter follows a case until it closes: only closure ends it
        edge = latest_start(schedule, RecordType.TRACKING_SECRET, command.on)
        ids = list(
            await uow.session.scalars(
                select(Report.id)
                .join(ReportStatus, ReportStatus.report_id == Report.id)
                .where(
                    Report.organisation_id == organisation_id,
                    Report.tracking_token_hash != "",
                    ReportStatus.status == CLOSED,
                    ReportStatus.updated_at
                    < datetime.combine(edge + timedelta(days=1), time(), UTC),
                    reference_not_held(ReportStatus.case_reference),
                )
                .limit(command.batch - done)
                .with_for_update(skip_locked=True, of=Report)
            )
        )
        if ids:
            await uow.session.execute(
                update(Report).where(Report.id.in_(ids)).values(tracking_token_hash="")
            )
        done += len(ids)
        if done >= command.batch:
            break
    return done
