"""Claim, send, record: one message at a time.

1. :func:`claim_next` takes the next due message (``FOR UPDATE SKIP LOCKED``, so several
   dispatchers never take the same one), decides its channel from the latest contact record,
   renders it and marks it ``sending`` with a lease; the transaction commits before anything
   leaves. Decisions that send nothing (defer, withhold, in-app) finish here.
2. The dispatcher sends it, outside any transaction.
3. :func:`record_outcome` records what the channel said. The dispatcher does it in the
   transaction that claims its next message, so a busy dispatcher needs one transaction per
   message; the outcome is always committed before the next message is sent.

A dispatcher that dies (or loses its database) between 1 and 3 leaves one message ``sending``;
when its lease ends another dispatcher takes it over and sends it again, with the same
Message-ID. So a fault repeats at most the one message in flight.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from asb_shared.contact_rules import Defer, Send, Withhold, decide
from asb_shared.contact_rules.rules import WORDS
from asb_shared.contracts.casework import ContactRecord
from asb_shared.contracts.common import AccessibilityNeed, ContactChannel
from asb_shared.contracts.notifications import (
    ContactWithheld,
    InAppMessagePosted,
    MessageDelivered,
    MessageFailed,
)
from asb_shared.resident_site import follow_url, survey_url
from asb_shared.usecase import UnitOfWork
from sqlalchemy import and_, or_, select

from ..channels import Accepted, Outcome, Permanent, Temporary
from ..contacts.models import ContactRecordRow
from ..contacts.store import case_of
from ..messages.models import Message, RecipientType, Status
from ..messages.usecases import QueueMessage, officer_of, queue_message
from ..templates.kinds import TO_PEOPLE, WHAT, MessageKind, fields_of
from ..templates.rendering import TemplateProblem, render
from ..templates.resolving import ENGLISH, resolve

_TASKS = uuid.UUID("0b6f1d0e-5f0c-4a55-8f0e-6a3d2b1c9e77")


@dataclass(frozen=True)
class Policy:
    """The settings the delivery rules need (from :class:`NotificationsSettings`)."""

    lease: timedelta
    max_attempts: int
    retry_base: timedelta
    retry_max: timedelta
    survey_delay: timedelta
    survey_link_template: str
    resident_site_url: str = ""

    def retry_after(self, attempts: int) -> timedelta:
        """Growing waits: base, 2x base, 4x base... up to the ceiling."""
        wait: timedelta = self.retry_base * (2 ** max(attempts - 1, 0))
        return min(wait, self.retry_max)


@dataclass(frozen=True)
class Claimed:
    """A message handed to a dispatcher to send now."""

    id: uuid.UUID
    attempt: int
    channel: ContactChannel
    address: str
    subject: str
    body: str
    large_print: bool
    traceparent: str | None = None
    """The trace the message was queued in: its sending is a span of that trace."""
    kind: str = ""
    """What the message is (``report_acknowledgement``...), for the send's span."""


def _note(row: Message, now: datetime, outcome: str, reasons: list[str], **extra: Any) -> None:
    row.decisions = [
        *row.decisions,
        {"at": now.isoformat(), "outcome": outcome, "reasons": reasons, **extra},
    ]


async def _due(uow: UnitOfWork) -> tuple[Message, ContactRecord | None] | None:
    """The next due message, locked, with its person's latest contact record (one statement)."""
    now = uow.now()
    found = (
        await uow.session.execute(
            select(Message, ContactRecordRow.record)
            .outerjoin(
                ContactRecordRow,
                and_(
                    ContactRecordRow.case_id == Message.case_id,
                    ContactRecordRow.person_id == Message.person_id,
                ),
            )
            .where(
                Message.due_at <= now,
                or_(
                    Message.status.in_([Status.CREATED, Status.DEFERRED]),
                    # A lease that ran out: its dispatcher died before recording the outcome.
                    and_(Message.status == Status.SENDING, Message.provider_id.is_(None)),
                ),
            )
            .order_by(Message.due_at)
            .limit(1)
            .with_for_update(of=Message, skip_locked=True)
        )
    ).first()
    if found is None:
        return None
    row, record = found
    return row, ContactRecord.model_validate(record) if record is not None else None


async def claim_next(uow: UnitOfWork, policy: Policy) -> Claimed | bool:
    """Take the next due message: a :class:`Claimed` to send, True if it was finished here
    (deferred, withheld, in-app), False if nothing is due."""
    due = await _due(uow)
    if due is None:
        return False
    row, record = due
    if row.status == Status.SENDING:
        if row.attempts >= policy.max_attempts:
            # Never loop on a message whose every attempt stops its dispatcher.
            await _fail(uow, row, f"no outcome recorded after {row.attempts} attempts")
            return True
        _note(row, uow.now(), "lease_expired", ["the dispatcher sending it stopped; sending again"])
    try:
        if row.recipient_type == RecipientType.STAFF:
            await _deliver_in_app_to_staff(uow, row)
            return True
        if row.recipient_type == RecipientType.MAILBOX:
            return await _claim_for_mailbox(uow, row, policy)
        return await _claim_for_person(uow, row, record, policy)
    except TemplateProblem as exc:
        # A template that cannot render this message (an error, or more work, output or time
        # than the sandbox allows): never retried in a loop; the officer is told, and an admin
        # can fix the template.
        await _fail(uow, row, f"the template cannot be rendered: {exc}")
        return True


async def _render(uow: UnitOfWork, row: Message, language: str, values: dict[str, Any]) -> bool:
    """Render the message; True if English stood in for the language wanted."""
    kind = MessageKind(row.kind)
    template = await resolve(uow.session, row.organisation_id, kind, language)
    complete = dict.fromkeys(fields_of(kind)) | values
    row.subject, row.body = await render(template.subject, template.body, complete)
    row.language, row.template_version = template.language, template.version
    return template.fell_back


async def _deliver_in_app_to_staff(uow: UnitOfWork, row: Message) -> None:
    await _render(uow, row, ENGLISH, row.values)
    row.channel, row.address = ContactChannel.IN_APP.value, row.recipient
    row.status, row.delivered_at, row.sent_at = Status.DELIVERED, uow.now(), uow.now()
    row.attempts += 1


async def _claim_for_mailbox(uow: UnitOfWork, row: Message, policy: Policy) -> Claimed:
    """An email to an organisation's own address: no person's contact rules apply."""
    now = uow.now()
    await _render(uow, row, ENGLISH, row.values)
    row.channel, row.address = ContactChannel.EMAIL.value, row.recipient
    row.status, row.due_at, row.sent_at = Status.SENDING, now + policy.lease, now
    row.attempts += 1
    reasons = ["an organisation's own address: sent by email"]
    _note(row, now, "sending", reasons, channel=row.channel, attempt=row.attempts)
    return Claimed(
        row.id,
        row.attempts,
        ContactChannel.EMAIL,
        row.recipient,
        row.subject or "",
        row.body or "",
        False,
        row.traceparent,
        row.kind,
    )


async def _values_for(
    uow: UnitOfWork, row: Message, record: ContactRecord, policy: Policy
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": record.name,
        "reference": record.report_reference or row.values.get("reference") or row.case_reference,
        "case_reference": row.case_reference,
    }
    if row.kind in (
        MessageKind.OFFICER_ASSIGNED,
        MessageKind.UPDATE_SHARED,
        MessageKind.CASE_CLOSED,
    ):
        case = await case_of(uow.session, row.case_id) if row.case_id else None
        values["officer_name"] = case.officer_name if case is not None else None
    values.update({k: v for k, v in row.values.items() if v is not None or k not in values})
    reference = values["reference"] or ""
    if row.kind in TO_PEOPLE:
        # The report's page on the resident site (no token: the site asks for it, or knows it).
        values["follow_url"] = follow_url(policy.resident_site_url, reference)
    if row.kind == MessageKind.SATISFACTION_SURVEY:
        values["survey_link"] = survey_url(
            policy.resident_site_url, reference
        ) or policy.survey_link_template.format(reference=reference)
    return values


async def _officer_task(
    uow: UnitOfWork, row: Message, key: str, task: str, reasons: list[str]
) -> None:
    await queue_message(
        uow,
        QueueMessage(
            MessageKind.OFFICER_TASK,
            RecipientType.STAFF,
            await officer_of(uow, row.case_id),
            {
                "case_reference": row.case_reference or "",
                "task": task,
                "reasons": "; ".join(reasons),
            },
            case_id=row.case_id,
            case_reference=row.case_reference,
            source_event_id=uuid.uuid5(_TASKS, f"{row.id}:{key}"),
            organisation_id=row.organisation_id,
        ),
    )


def _survey_due(values: dict[str, Any], created_at: datetime, policy: Policy) -> datetime:
    """When the survey after a closure goes: when the landlord's policy said (its working days
    on its calendar, worked out by casework and carried on the closure), else ``survey_delay``
    after the closure (an event from before policies said, or no policy known)."""
    if values.get("survey_due_at"):
        return datetime.fromisoformat(values["survey_due_at"])
    closed_at = datetime.fromisoformat(values["closed_at"]) if "closed_at" in values else created_at
    return closed_at + policy.survey_delay


async def _schedule_survey(uow: UnitOfWork, row: Message, policy: Policy) -> None:
    """After a closure, the survey for the same person, once, when :func:`_survey_due` says."""
    already = await uow.session.scalar(
        select(Message.id).where(
            Message.case_id == row.case_id,
            Message.recipient == row.recipient,
            Message.kind == MessageKind.SATISFACTION_SURVEY.value,
        )
    )
    if already is not None:
        return
    await queue_message(
        uow,
        QueueMessage(
            MessageKind.SATISFACTION_SURVEY,
            RecipientType.PERSON,
            row.recipient,
            {},
            person_id=row.person_id,
            case_id=row.case_id,
            case_reference=row.case_reference,
            reference=row.reference,
            due_at=_survey_due(row.values, row.created_at, policy),
            source_event_id=row.source_event_id,
            organisation_id=row.organisation_id,
        ),
    )


async def _claim_for_person(
    uow: UnitOfWork, row: Message, record: ContactRecord | None, policy: Policy
) -> Claimed | bool:
    """``record``: the person's latest contact record, read with the message."""
    now = uow.now()
    kind = MessageKind(row.kind)
    if kind is MessageKind.CASE_CLOSED:
        await _schedule_survey(uow, row, policy)
    if record is None:
        row.status = Status.WITHHELD
        _note(row, now, "withheld", ["no contact record for this person (anonymous, or not known)"])
        return True
    what = WHAT.get(kind, kind.value.replace("_", " "))
    decision = decide(
        record.preferences, record, what=what, now=now, reference=record.report_reference
    )
    if isinstance(decision, Withhold):
        row.status, row.task = Status.WITHHELD, decision.task
        _note(row, now, "withheld", decision.reasons, task=decision.task)
        await _officer_task(uow, row, "withheld", decision.task, decision.reasons)
        await uow.emit(
            ContactWithheld(
                message_id=row.id,
                case_id=row.case_id,
                person_id=row.person_id,
                template=row.kind,
                reason="; ".join(decision.reasons),
                task=decision.task,
            ),
            organisation_id=row.organisation_id,
        )
        return True
    if isinstance(decision, Defer):
        row.status, row.due_at, row.channel = (
            Status.DEFERRED,
            decision.until,
            decision.channel.value,
        )
        _note(row, now, "deferred", decision.reasons, until=decision.until.isoformat())
        return True
    assert isinstance(decision, Send)
    prefs = record.preferences
    fell_back = await _render(uow, row, prefs.language, await _values_for(uow, row, record, policy))
    interpreter = (
        AccessibilityNeed.INTERPRETER in prefs.accessibility
        or AccessibilityNeed.BSL in prefs.accessibility
    )
    if fell_back or interpreter:
        need = (
            f"they asked for language '{prefs.language}' and there is no template in it, so it went in English"
            if fell_back
            else "they need an interpreter or BSL"
        )
        await _officer_task(
            uow,
            row,
            "interpreter",
            f"Arrange an interpreter: {need}. Explain {what} to them.",
            [need],
        )
    row.channel, row.address = decision.channel.value, decision.address
    if decision.channel is ContactChannel.IN_APP:
        row.status, row.sent_at, row.delivered_at = Status.DELIVERED, now, now
        row.attempts += 1
        _note(row, now, "sent", decision.reasons, channel=row.channel)
        await uow.emit(
            InAppMessagePosted(
                message_id=row.id,
                report_reference=decision.address,
                case_id=row.case_id,
                subject=row.subject or "",
                body=row.body or "",
                posted_at=now,
            ),
            organisation_id=row.organisation_id,
        )
        await _announce_delivered(uow, row, now)
        return True
    row.status, row.due_at, row.sent_at = Status.SENDING, now + policy.lease, now
    row.attempts += 1
    _note(row, now, "sending", decision.reasons, channel=row.channel, attempt=row.attempts)
    return Claimed(
        row.id,
        row.attempts,
        decision.channel,
        decision.address,
        row.subject or "",
        row.body or "",
        AccessibilityNeed.LARGE_PRINT in prefs.accessibility,
        row.traceparent,
        row.kind,
    )


async def _announce_delivered(uow: UnitOfWork, row: Message, at: datetime) -> None:
    await _announce(uow, row.id, row.channel, row.kind, row.case_id, row.organisation_id, at)


async def _announce(
    uow: UnitOfWork,
    message_id: uuid.UUID,
    channel: str | None,
    kind: str,
    case_id: uuid.UUID | None,
    organisation_id: uuid.UUID,
    at: datetime,
) -> None:
    await uow.emit(
        MessageDelivered(
            message_id=message_id,
            channel=ContactChannel(channel or ContactChannel.IN_APP.value),
            template=kind,
            case_id=case_id,
            delivered_at=at,
        ),
        organisation_id=organisation_id,
    )


async def _fail(uow: UnitOfWork, row: Message, error: str) -> None:
    """Permanently failed: recorded, announced, and the officer alerted in the app."""
    now = uow.now()
    row.status, row.failed_at, row.last_error = Status.FAILED, now, error[:2000]
    _note(row, now, "failed", [error[:500]])
    await uow.emit(
        MessageFailed(
            message_id=row.id,
            channel=ContactChannel(row.channel or ContactChannel.IN_APP.value),
            template=row.kind,
            case_id=row.case_id,
            error=row.last_error,
        ),
        organisation_id=row.organisation_id,
    )
    kind = MessageKind(row.kind)
    await queue_message(
        uow,
        QueueMessage(
            MessageKind.DELIVERY_FAILED,
            RecipientType.STAFF,
            await officer_of(uow, row.case_id),
            {
                "case_reference": row.case_reference or "",
                "what": WHAT.get(kind, kind.value.replace("_", " ")),
                "channel": WORDS.get(ContactChannel(row.channel), row.channel)
                if row.channel
                else "",
                "error": error[:500],
            },
            case_id=row.case_id,
            case_reference=row.case_reference,
            source_event_id=uuid.uuid5(_TASKS, f"{row.id}:failed"),
            organisation_id=row.organisation_id,
        ),
    )


async def _retry_or_fail(uow: UnitOfWork, row: Message, error: str, policy: Policy) -> None:
    if row.attempts >= policy.max_attempts:
        await _fail(uow, row, f"{error} (after {row.attempts} attempts)")
        return
    now = uow.now()
    wait = policy.retry_after(row.attempts)
    row.status, row.due_at, row.last_error, row.provider_id = (
        Status.CREATED,
        now + wait,
        error[:2000],
        None,
    )
    _note(row, now, "retry", [error[:500]], retry_at=(now + wait).isoformat())


@dataclass(frozen=True)
class RecordOutcome:
    message_id: uuid.UUID
    attempt: int
    outcome: Outcome
    channel: ContactChannel
    """The channel the attempt was sent by (the claim's)."""
    policy: Policy


# An accepted attempt (the common outcome) recorded in one plain statement, for the attempt the
# dispatcher claimed only: a message another dispatcher has taken over since matches no row.
_ACCEPTED = (
    "UPDATE messages SET provider_id = $3, status = CASE WHEN $4 THEN 'delivered' ELSE status END,"
    " delivered_at = CASE WHEN $4 THEN $5 ELSE delivered_at END,"
    " decisions = decisions || $6::jsonb"
    " WHERE id = $1 AND attempts = $2 AND status = 'sending'"
    " RETURNING channel, kind, case_id, organisation_id"
)


async def record_outcome(uow: UnitOfWork, command: RecordOutcome) -> None:
    """Record what the channel said about one attempt (ignored if another dispatcher has taken
    the message over since)."""
    outcome, now = command.outcome, uow.now()
    if isinstance(outcome, Accepted):
        await _record_accepted(uow, command, outcome, now)
        return
    row = await uow.session.get(
        Message, command.message_id, with_for_update=True, populate_existing=True
    )
    if row is None or row.status != Status.SENDING or row.attempts != command.attempt:
        return
    if isinstance(outcome, Temporary):
        await _retry_or_fail(uow, row, outcome.error, command.policy)
    else:
        assert isinstance(outcome, Permanent)
        await _fail(uow, row, outcome.error)


async def _record_accepted(
    uow: UnitOfWork, command: RecordOutcome, outcome: Accepted, now: datetime
) -> None:
    note: dict[str, Any] = {"at": now.isoformat()}
    if outcome.final:
        relay = f"accepted by the {command.channel.value} relay"
        note |= {"outcome": "delivered", "reasons": [relay]}
    else:
        note |= {
            "outcome": "accepted",
            "reasons": ["accepted by GOV.UK Notify; waiting for its delivery status"],
        }
    connection = await uow.session.connection()
    found = (
        await connection.exec_driver_sql(
            _ACCEPTED,
            (
                command.message_id,
                command.attempt,
                outcome.provider_id,
                outcome.final,
                now,
                json.dumps([note]),
            ),
        )
    ).first()
    if found is None or not outcome.final:
        return
    await _announce(
        uow,
        command.message_id,
        found.channel,
        found.kind,
        found.case_id,
        found.organisation_id,
        now,
    )


@dataclass(frozen=True)
class NotifyStatus:
    """A delivery-status callback from GOV.UK Notify."""

    notification_id: str
    reference: str | None
    status: str
    policy: Policy


@dataclass(frozen=True)
class UnknownToNotify:
    """A message Notify accepted and now says it holds no record of."""

    message_id: uuid.UUID
    provider_id: str


DELIVERED_STATUSES = {"delivered", "received"}
"""``received``: a letter Notify's printer has."""
PERMANENT_STATUSES = {"permanent-failure", "validation-failed", "cancelled"}
TEMPORARY_STATUSES = {"temporary-failure", "technical-failure"}


async def record_notify_status(uow: UnitOfWork, command: NotifyStatus) -> bool:
    """Record a Notify status; False if no message matches it (then Notify is told 404)."""
    query = select(Message).where(Message.provider_id == command.notification_id)
    row = (await uow.session.scalars(query.with_for_update())).first()
    if row is None and command.reference:
        try:
            by_reference = uuid.UUID(command.reference)
        except ValueError:
            return False
        row = await uow.session.get(Message, by_reference, with_for_update=True)
    if row is None:
        return False
    if row.status != Status.SENDING or row.provider_id != command.notification_id:
        return True  # already recorded, or a status for an attempt given up on
    now = uow.now()
    if command.status in DELIVERED_STATUSES:
        row.status, row.delivered_at = Status.DELIVERED, now
        _note(row, now, "delivered", [f"GOV.UK Notify: {command.status}"])
        await _announce_delivered(uow, row, now)
    elif command.status in PERMANENT_STATUSES:
        await _fail(uow, row, f"GOV.UK Notify: {command.status}")
    elif command.status in TEMPORARY_STATUSES:
        await _retry_or_fail(uow, row, f"GOV.UK Notify: {command.status}", command.policy)
    return True


async def record_unknown_to_notify(uow: UnitOfWork, command: UnknownToNotify) -> None:
    """Notify holds no record of a notification it accepted (it keeps them 7 days): it may
    never have reached the person, so the message fails and the officer is told."""
    message_id, provider_id = command.message_id, command.provider_id
    row = await uow.session.get(Message, message_id, with_for_update=True)
    if row is None or row.status != Status.SENDING or row.provider_id != provider_id:
        return
    await _fail(uow, row, "GOV.UK Notify holds no record of it: it may never have been delivered")
