"""Taking a report from any channel: stored with its first status, its evidence and its
``intake.report.received`` event, in the caller's unit of work."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from asb_shared.contracts.common import Channel, Location, Person
from asb_shared.contracts.intake import EqualityAnswersGiven, ReportReceivedV2
from asb_shared.db import uuid7
from asb_shared.evidence.storage import StoredEvidence
from asb_shared.usecase import UnitOfWork

from ..idempotency.keys import Replay, Retryable, once
from . import anonymity, references
from .contact import reporter_for_casework
from .files import record_files
from .links import ReporterLinks
from .schemas import ReportAccepted, ReportContent, ReportIn
from .tracking import hash_token, new_token

RECEIVED = "received"
"""A report's first status: no case yet."""
IDEMPOTENCY_SCOPE = "POST /v1/reports"
SECRET_FIELDS = ("tracking_token",)
"""What an answer that issues a report holds that the idempotency store must keep sealed."""

_COLUMNS = (
    "id",
    "organisation_id",
    "tracking_token_hash",
    "channel",
    "categories",
    "description",
    "location_address",
    "location_postcode",
    "location_uprn",
    "location_latitude",
    "location_longitude",
    "location_description",
    "occurred_at",
    "occurred_until",
    "anonymous",
    "reporter_name",
    "reporter_email",
    "reporter_phone",
    "reporter_address",
    "preferred_channel",
    "contact_preferences",
    "contact_times",
    "safe_contact",
    "reporter_code_word",
    "people",
    "risk_answers",
    "received_by",
    "source_reference",
    "reference",
)


def _store(columns: Sequence[str]) -> str:
    """The report and its first status in one statement, so one round trip; the status is the
    last parameter. Plain SQL: a Core insert of some thirty values cost more CPU than anything
    else a report does."""
    params = ", ".join(f"${n}" for n in range(1, len(columns) + 1))
    return (
        f"WITH report AS (INSERT INTO reports ({', '.join(columns)}) VALUES ({params})"
        " RETURNING id, reference, received_at),"
        " status AS (INSERT INTO report_status (report_id, status)"
        f" SELECT id, ${len(columns) + 1} FROM report)"
        " SELECT id, reference, received_at FROM report"
    )


_STORE_NUMBERED = _store(_COLUMNS)
_STORE = _store(_COLUMNS[:-1])
"""A report numbered by the column's default: an event's, for an organisation not heard of."""


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


def _issued(accepted: Accepted, links: ReporterLinks) -> ReportAccepted:
    """What the reporter is given to keep: the reference, the token and where to follow it."""
    return ReportAccepted(
        id=accepted.id,
        reference=accepted.reference,
        tracking_token=accepted.tracking_token,
        status=RECEIVED,
        status_url=links.status_url(accepted.reference),
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
    reference = await references.reference_for(uow, data.organisation_id)
    token = new_token()
    reporter = anonymity.kept_reporter(data.anonymous, data.reporter)
    wishes = reporter.wishes() if reporter else None
    loc = data.location
    report_id = uuid7()
    values = (
        report_id,
        data.organisation_id,
        hash_token(token),
        channel.value,
        [c.value for c in data.categories],
        data.description,
        loc.address,
        loc.postcode,
        loc.uprn,
        loc.latitude,
        loc.longitude,
        loc.description,
        data.occurred_at,
        data.occurred_until,
        data.anonymous,
        reporter.name if reporter else None,
        str(reporter.email) if reporter and reporter.email else None,
        reporter.phone if reporter else None,
        reporter.address if reporter else None,
        wishes.preferred.value if wishes and wishes.preferred else None,
        wishes.model_dump_json() if wishes else None,
        reporter.contact_times if reporter else None,
        reporter.officer_note() if reporter else None,
        reporter.code_word if reporter else None,
        json.dumps([p.model_dump(mode="json") for p in data.people]),
        json.dumps(data.risk_answers),
        command.received_by,
        command.source_reference,
    )
    connection = await uow.session.connection()
    if reference is None:
        stored = await connection.exec_driver_sql(_STORE, (*values, RECEIVED))
    else:
        stored = await connection.exec_driver_sql(_STORE_NUMBERED, (*values, reference, RECEIVED))
    report = stored.one()
    await record_files(uow, data.organisation_id, report_id, command.evidence)
    await uow.emit(
        ReportReceivedV2(
            report_id=report_id,
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
    if data.equality is not None and data.equality.given():
        # Apart from the report: its own event, which casework alone consumes and keeps apart.
        await uow.emit(
            EqualityAnswersGiven(
                report_id=report_id, report_reference=report.reference, answers=data.equality
            ),
            organisation_id=data.organisation_id,
        )
    return Accepted(report_id, report.reference, report.received_at, token)


@dataclass(frozen=True)
class IssueOnce:
    """A report from a channel that may send it again (``retry``: its key, if any), and where
    the reporter will follow it."""

    accept: AcceptReport
    links: ReporterLinks
    retry: Retryable | None = None


async def issue_once(uow: UnitOfWork, command: IssueOnce) -> ReportAccepted | Replay:
    """Accept a report from a channel that may retry: a retry with the same key gets the first
    answer back, tracking token included (kept sealed, see :mod:`intake.idempotency.keys`)."""

    async def make() -> ReportAccepted:
        return _issued(await accept_report(uow, command.accept), command.links)

    return await once(uow, command.retry, make, secret_fields=SECRET_FIELDS)


@dataclass(frozen=True)
class SubmitReport:
    """A report from the web form or the app, perhaps sent again with the same Idempotency-Key."""

    report: ReportIn
    links: ReporterLinks
    retry: Retryable | None = None


async def submit_report(uow: UnitOfWork, command: SubmitReport) -> ReportAccepted | Replay:
    """Accept a web or app report; a retry with the same key gets the first answer back."""
    accept = AcceptReport(command.report, Channel(command.report.channel))
    return await issue_once(uow, IssueOnce(accept, command.links, command.retry))
