"""Use cases for reports: accept one, and show its status to the person who made it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from asb_shared.contracts import Channel, Contact, EvidenceRef, Location, Person, ReportReceived
from asb_shared.db import Database, uuid7
from asb_shared.messaging import Outbox
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import EvidenceFile, Report, ReportStatus
from .schemas import ReportIn

RECEIVED = "received"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Accepted:
    id: uuid.UUID
    reference: str
    received_at: datetime
    tracking_token: str


@dataclass(frozen=True)
class StoredEvidence:
    """A file already written to storage, ready to be recorded with its report."""

    filename: str
    content_type: str
    size: int
    sha256: str
    storage_key: str
    id: uuid.UUID = field(default_factory=uuid7)

    def ref(self) -> EvidenceRef:
        return EvidenceRef(
            evidence_id=self.id,
            filename=self.filename,
            content_type=self.content_type,
            size=self.size,
            sha256=self.sha256,
            storage_key=self.storage_key,
        )


def _people(data: ReportIn, role: str) -> list[Person]:
    return [
        Person(name=p.name, address=p.address, description=p.description)
        for p in data.people
        if p.role == role
    ]


async def accept_report(
    db: Database | None,
    outbox: Outbox,
    data: ReportIn,
    channel: Channel,
    *,
    received_by: str | None = None,
    source_reference: str | None = None,
    evidence: Sequence[StoredEvidence] = (),
    session: AsyncSession | None = None,
) -> Accepted:
    """Store a report from any channel, its first status, its evidence and its
    ``intake.report.received`` event, atomically (in ``session``'s transaction if given)."""
    if session is None:
        assert db is not None
        async with db.transaction() as own:
            return await accept_report(
                None,
                outbox,
                data,
                channel,
                received_by=received_by,
                source_reference=source_reference,
                evidence=evidence,
                session=own,
            )
    token = secrets.token_urlsafe(24)
    reporter = data.reporter
    loc = data.location
    reports = Report.__table__
    report_id = uuid7()
    # Core insert returning only what is needed: the ORM's bulk path costs far more CPU.
    report = (
        await session.execute(
            insert(reports)
            .values(
                id=report_id,
                organisation_id=data.organisation_id,
                tracking_token_hash=hash_token(token),
                channel=channel.value,
                categories=[c.value for c in data.categories],
                description=data.description,
                location_address=loc.address,
                location_postcode=loc.postcode,
                location_uprn=loc.uprn,
                location_latitude=loc.latitude,
                location_longitude=loc.longitude,
                location_description=loc.description,
                occurred_at=data.occurred_at,
                occurred_until=data.occurred_until,
                anonymous=data.anonymous,
                reporter_name=reporter.name if reporter else None,
                reporter_email=str(reporter.email) if reporter and reporter.email else None,
                reporter_phone=reporter.phone if reporter else None,
                preferred_channel=reporter.preferred_channel.value if reporter else None,
                contact_times=reporter.contact_times if reporter else None,
                safe_contact=reporter.safe_contact if reporter else None,
                people=[p.model_dump(mode="json") for p in data.people],
                risk_answers=dict(data.risk_answers),
                received_by=received_by,
                source_reference=source_reference,
            )
            .returning(reports.c.id, reports.c.reference, reports.c.received_at)
        )
    ).one()
    await session.execute(
        insert(ReportStatus.__table__).values(report_id=report.id, status=RECEIVED)
    )
    for item in evidence:
        await session.execute(
            insert(EvidenceFile.__table__).values(
                id=item.id,
                organisation_id=data.organisation_id,
                report_id=report.id,
                filename=item.filename,
                content_type=item.content_type,
                size=item.size,
                sha256=item.sha256,
                storage_key=item.storage_key,
            )
        )
    await outbox.add(
        session,
        ReportReceived(
            report_id=report.id,
            reference=report.reference,
            channel=channel,
            categories=data.categories,
            description=data.description,
            location=Location(**loc.model_dump()),
            occurred_at=data.occurred_at,
            occurred_until=data.occurred_until,
            received_at=report.received_at,
            anonymous=data.anonymous,
            reporter=Contact(**reporter.model_dump(mode="json")) if reporter else None,
            subjects=_people(data, "subject"),
            witnesses=_people(data, "witness"),
            risk_answers=dict(data.risk_answers),
            received_by=received_by,
            evidence=[e.ref() for e in evidence],
        ),
        organisation_id=data.organisation_id,
    )
    return Accepted(report.id, report.reference, report.received_at, token)


async def status_for_reporter(
    db: Database, reference: str, token: str
) -> tuple[Report, ReportStatus] | None:
    """The report and its status if the token matches; None alike for unknown and wrong."""
    async with db.sessions() as session:
        row = (
            await session.execute(
                select(Report, ReportStatus)
                .join(ReportStatus, ReportStatus.report_id == Report.id)
                .where(Report.reference == reference)
            )
        ).first()
    if row is None:
        # Same work as a match, so response time does not tell which references exist.
        hmac.compare_digest(hash_token(token), "0" * 64)
        return None
    report, status = row
    if not hmac.compare_digest(report.tracking_token_hash, hash_token(token)):
        return None
    return report, status
