"""Use cases for reports: accept one, and show its status to the person who made it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from asb_shared.contracts import Channel, Contact, Location, ReportReceived
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from sqlalchemy import insert, select

from .models import Report, ReportStatus
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


async def accept_report(db: Database, outbox: Outbox, data: ReportIn, channel: Channel) -> Accepted:
    """Store the report, its first status and its ``intake.report.received`` event atomically."""
    token = secrets.token_urlsafe(24)
    reporter = data.reporter
    loc = data.location
    reports = Report.__table__
    async with db.transaction() as session:
        # Core insert returning only what is needed: the ORM's bulk path costs far more CPU.
        report = (
            await session.execute(
                insert(reports)
                .values(
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
                    anonymous=data.anonymous,
                    reporter_name=reporter.name if reporter else None,
                    reporter_email=str(reporter.email) if reporter and reporter.email else None,
                    reporter_phone=reporter.phone if reporter else None,
                    preferred_channel=reporter.preferred_channel.value if reporter else None,
                )
                .returning(reports.c.id, reports.c.reference, reports.c.received_at)
            )
        ).one()
        await session.execute(
            insert(ReportStatus.__table__).values(report_id=report.id, status=RECEIVED)
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
                received_at=report.received_at,
                anonymous=data.anonymous,
                reporter=Contact(**reporter.model_dump(mode="json")) if reporter else None,
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
