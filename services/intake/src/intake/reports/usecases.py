"""Taking a report from any channel: stored with its first status, its evidence and its
``intake.report.received`` event, in the caller's unit of work."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from asb_shared.contracts import Channel, Location, Person, ReportReceivedV2
from asb_shared.db import uuid7
from asb_shared.usecase import UnitOfWork
from sqlalchemy import Table, insert

from ..evidence.records import record_files
from ..evidence.storage import StoredEvidence
from ..idempotency.keys import Replay, Retryable, once
from ..reporter.models import ReportStatus
from . import anonymity, references
from .contact import reporter_for_casework
from .models import Report
from .schemas import ReportAccepted, ReportContent, ReportIn
from .tracking import hash_token, new_token

RECEIVED = "received"
"""A report's first status: no case yet."""
IDEMPOTENCY_SCOPE = "POST /v1/reports"
SECRET_FIELDS = ("tracking_token",)
"""What an answer that issues a report holds that the idempotency store must keep sealed."""

_REPORTS = cast(Table, Report.__table__)
_STATUSES = cast(Table, ReportStatus.__table__)


@dataclass
class Accepted:
    id: uuid.UUID
    reference: str
    received_at: datetime
    tracking_token: str


@dataclass(frozen=True)
class AcceptReport:
    """A report from any channel, with what the channel knows besides (who keyed it, its own id,
    files already stored)."""

    report: ReportContent
    channel: Channel
    received_by: str | None = None
    source_reference: str | None = None
    evidence: Sequence[StoredEvidence] = ()


def issued(accepted: Accepted, public_base_url: str) -> ReportAccepted:
    """What the reporter is given to keep: the reference, the token and where to follow it."""
    return ReportAccepted(
        id=accepted.id,
        reference=accepted.reference,
        tracking_token=accepted.tracking_token,
        status=RECEIVED,
        status_url=f"{public_base_url}/v1/reports/{accepted.reference}/status",
    )


def _people(data: ReportContent, role: str) -> list[Person]:
    return [
        Person(name=p.name, address=p.address, description=p.description)
        for p in data.people
        if p.role == role
    ]


async def accept_report(uow: UnitOfWork, command: AcceptReport) -> Accepted:
    """Store a report from any channel, its first status, its evidence and its
    ``intake.report.received`` event.

    A request for an organisation that is unknown or inactive is refused (422 naming
    ``organisation_id``); an event's report (a partner's referral) never is.
    """
    data, channel = command.report, command.channel
    numbered = await references.reference_for(uow, data.organisation_id)
    token = new_token()
    reporter = anonymity.kept_reporter(data.anonymous, data.reporter)
    wishes = reporter.wishes() if reporter else None
    loc = data.location
    # Core insert returning only what is needed: the ORM's bulk path costs far more CPU.
    report = (
        await uow.session.execute(
            insert(_REPORTS)
            .values(
                id=uuid7(),
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
                reporter_address=reporter.address if reporter else None,
                preferred_channel=wishes.preferred.value if wishes and wishes.preferred else None,
                contact_preferences=wishes.model_dump(mode="json") if wishes else None,
                contact_times=reporter.contact_times if reporter else None,
                safe_contact=reporter.officer_note() if reporter else None,
                reporter_code_word=reporter.code_word if reporter else None,
                people=[p.model_dump(mode="json") for p in data.people],
                risk_answers=dict(data.risk_answers),
                received_by=command.received_by,
                source_reference=command.source_reference,
                **numbered,
            )
            .returning(_REPORTS.c.id, _REPORTS.c.reference, _REPORTS.c.received_at)
        )
    ).one()
    await uow.session.execute(insert(_STATUSES).values(report_id=report.id, status=RECEIVED))
    await record_files(uow, data.organisation_id, report.id, command.evidence)
    await uow.emit(
        ReportReceivedV2(
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
            reporter=reporter_for_casework(
                reporter, received_at=report.received_at, taken_by=command.received_by
            )
            if reporter
            else None,
            subjects=_people(data, "subject"),
            witnesses=_people(data, "witness"),
            risk_answers=dict(data.risk_answers),
            received_by=command.received_by,
            evidence=[e.ref() for e in command.evidence],
        ),
        organisation_id=data.organisation_id,
    )
    return Accepted(report.id, report.reference, report.received_at, token)


async def issue_once(
    uow: UnitOfWork, retry: Retryable | None, command: AcceptReport, public_base_url: str
) -> ReportAccepted | Replay:
    """Accept a report from a channel that may retry: a retry with the same key gets the first
    answer back, tracking token included (kept sealed, see :mod:`intake.idempotency.keys`)."""

    async def make() -> ReportAccepted:
        return issued(await accept_report(uow, command), public_base_url)

    return await once(uow, retry, make, secret_fields=SECRET_FIELDS)


@dataclass(frozen=True)
class SubmitReport:
    """A report from the web form or the app, perhaps sent again with the same Idempotency-Key."""

    report: ReportIn
    public_base_url: str
    retry: Retryable | None = None


async def submit_report(uow: UnitOfWork, command: SubmitReport) -> ReportAccepted | Replay:
    """Accept a web or app report; a retry with the same key gets the first answer back."""
    accept = AcceptReport(command.report, Channel(command.report.channel))
    return await issue_once(uow, command.retry, accept, command.public_base_url)
