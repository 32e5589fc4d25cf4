"""Evidence a reporter adds to their report later, and the files kept with a report."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from asb_shared import readaudit
from asb_shared.contracts.intake import FollowupReceived
from asb_shared.evidence.storage import StoredEvidence
from asb_shared.usecase import Forbidden, NotFound, UnitOfWork
from sqlalchemy import insert, select

from ..idempotency.keys import Replay, Retryable, once
from ..reports.access import ReporterCredentials, reporters_report
from ..reports.files import record_files
from ..reports.models import EvidenceFile, Followup
from .models import EvidenceRead
from .schemas import EvidenceAdded, EvidenceList, EvidenceOut


@dataclass(frozen=True)
class ReportForEvidence:
    """The report files are added to, as the reporter's credentials found it."""

    id: uuid.UUID
    organisation_id: uuid.UUID
    reference: str


async def report_for_evidence(
    uow: UnitOfWork, credentials: ReporterCredentials
) -> ReportForEvidence:
    """The reporter's report, found before any file is read or written (NotFound otherwise)."""
    report, _ = await reporters_report(uow, credentials)
    return ReportForEvidence(report.id, report.organisation_id, report.reference)


@dataclass(frozen=True)
class AddEvidence:
    report: ReportForEvidence
    stored: Sequence[StoredEvidence]
    """The files, checked and already written to storage."""
    description: str | None = None
    retry: Retryable | None = None


async def add_evidence(uow: UnitOfWork, command: AddEvidence) -> EvidenceAdded | Replay:
    """Record files as one evidence follow-up on the report, and tell casework; a retry with
    the same Idempotency-Key gets the first answer (the caller discards the files it wrote)."""

    async def make() -> EvidenceAdded:
        return await _record(uow, command)

    return await once(uow, command.retry, make)


async def _record(uow: UnitOfWork, command: AddEvidence) -> EvidenceAdded:
    report = command.report
    text = (command.description or "").strip() or None
    followup_id = (
        await uow.session.execute(
            insert(Followup)
            .values(
                organisation_id=report.organisation_id,
                report_id=report.id,
                kind="evidence",
                description=text,
            )
            .returning(Followup.id)
        )
    ).scalar_one()
    rows = await record_files(uow, report.organisation_id, report.id, command.stored, followup_id)
    await uow.emit(
        FollowupReceived(
            followup_id=followup_id,
            report_id=report.id,
            report_reference=report.reference,
            kind="evidence",
            description=text,
            evidence=[item.ref() for item in command.stored],
        ),
        organisation_id=report.organisation_id,
    )
    return EvidenceAdded(
        followup_id=followup_id,
        report_reference=report.reference,
        items=[EvidenceOut.model_validate(row) for row in rows],
    )


async def list_evidence(uow: UnitOfWork, credentials: ReporterCredentials) -> EvidenceList:
    """The files kept with a report (what was sent with it and added since), as stored."""
    report, _ = await reporters_report(uow, credentials)
    rows = (
        await uow.session.scalars(
            select(EvidenceFile)
            .where(EvidenceFile.report_id == report.id)
            .order_by(EvidenceFile.received_at, EvidenceFile.id)
        )
    ).all()
    return EvidenceList(items=[EvidenceOut.model_validate(r) for r in rows])


async def evidence_for_staff(uow: UnitOfWork, evidence_id: uuid.UUID) -> EvidenceFile:
    """An evidence file of the member of staff's own landlord (NotFound for another's)."""
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    row = await uow.session.scalar(
        select(EvidenceFile).where(
            EvidenceFile.id == evidence_id,
            EvidenceFile.organisation_id == uow.actor.organisation_id,
        )
    )
    if row is None:
        raise NotFound("No such evidence file.")
    # A stored evidence file is a sensitive read: who downloaded it, and when, is kept.
    readaudit.append(
        uow,
        EvidenceRead,
        organisation_id=row.organisation_id,
        resource="evidence_file",
        evidence_id=row.id,
        report_id=row.report_id,
    )
    return row


@dataclass(frozen=True)
class EvidenceReads:
    """Downloads of stored evidence files: of one file or all, newest first, a page."""

    evidence_id: uuid.UUID | None
    limit: int
    cursor: uuid.UUID | None = None


async def evidence_reads(uow: UnitOfWork, query: EvidenceReads) -> list[EvidenceRead]:
    """Who downloaded the landlord's stored evidence files, and when (team leaders, admins)."""
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    selected = readaudit.reads(
        EvidenceRead, uow.actor.organisation_id, evidence_id=query.evidence_id
    )
    return await readaudit.newest_first(
        uow.session, selected, EvidenceRead, limit=query.limit, cursor=query.cursor
    )
