"""Use cases for messages: queue one for an event, and dispatch what is due."""

from __future__ import annotations

import logging
from datetime import timedelta

import aiosmtplib
from asb_shared.contracts import (
    CaseOpened,
    ContactChannel,
    MessageDelivered,
    MessageFailed,
    ReportLinked,
    StandardBreached,
    StandardWarning,
)
from asb_shared.db import utcnow
from asb_shared.messaging import Outbox
from asb_shared.messaging.consumer import HandlerContext
from asb_shared.service import WorkerContext
from sqlalchemy import func, insert, select

from .email import SmtpSender
from .models import Message, MessageStatus
from .settings import NotificationsSettings
from .templates import ACKNOWLEDGEMENT, acknowledgement

log = logging.getLogger(__name__)

MESSAGES_CHANNEL = "asb_messages"
"""NOTIFY channel that wakes the dispatcher when a message is queued."""


async def queue_acknowledgement(ctx: HandlerContext, event: CaseOpened | ReportLinked) -> bool:
    """Queue the acknowledgement of a report (it opened a case, or joined one), if its maker
    can get email.

    An anonymous report has no one to write to. Channels other than email are not sent yet.
    """
    contact = event.complainant if isinstance(event, CaseOpened) else event.reporter
    if event.anonymous or contact is None or not contact.email:
        return False
    if contact.preferred_channel not in (None, ContactChannel.EMAIL):
        log.info("acknowledgement skipped: no sender for %s yet", contact.preferred_channel)
        return False
    subject, body = acknowledgement(
        event.report_reference, contact.name, joined_existing=isinstance(event, ReportLinked)
    )
    await ctx.session.execute(
        insert(Message).values(
            organisation_id=ctx.envelope.organisation_id,
            source_event_id=ctx.envelope.id,
            template=ACKNOWLEDGEMENT,
            channel=ContactChannel.EMAIL.value,
            recipient=contact.email,
            subject=subject,
            body=body,
            case_id=event.case_id,
            reference=event.report_reference,
        )
    )
    await ctx.session.execute(select(func.pg_notify(MESSAGES_CHANNEL, "")))
    return True


IN_APP = "in_app"
STANDARD_WARNING = "standard_warning"
STANDARD_BREACHED = "standard_breached"
TEAM = "team"
"""The in-app recipient for alerts about cases with no designated officer: the team leaders."""

_STANDARD_WORDS = {
    "first_contact": "first contact with the complainant",
    "action_plan": "agreeing an action plan",
    "contact_frequency": "the agreed contact with the complainant",
    "case_update": "updating the case",
    "manager_review": "the monthly manager review",
}


async def alert_on_standard(ctx: HandlerContext, event: StandardWarning | StandardBreached) -> None:
    """An in-app alert to the case's officer (or the team) before and when a standard breaches.

    In-app messages are delivered by being stored: the officer's front end reads them.
    """
    what = _STANDARD_WORDS.get(event.kind, event.kind.replace("_", " "))
    due = event.due_at.strftime("%d %b %Y %H:%M UTC")
    if isinstance(event, StandardWarning):
        template, subject = STANDARD_WARNING, f"{event.case_reference}: {what} is due by {due}"
    else:
        template, subject = (
            STANDARD_BREACHED,
            f"{event.case_reference}: {what} was due by {due} and is overdue",
        )
    await ctx.session.execute(
        insert(Message).values(
            organisation_id=ctx.envelope.organisation_id,
            source_event_id=ctx.envelope.id,
            template=template,
            channel=IN_APP,
            recipient=event.officer_id or TEAM,
            subject=subject,
            body=subject,
            case_id=event.case_id,
            reference=event.case_reference,
            status=MessageStatus.DELIVERED,
            attempts=1,
            delivered_at=utcnow(),
        )
    )


def retry_delay(attempts: int) -> timedelta:
    """Growing delay before the next attempt: 2, 4, 8, 16... seconds, at most 10 minutes."""
    return timedelta(seconds=min(2**attempts, 600))


async def dispatch_due(ctx: WorkerContext, sender: SmtpSender, outbox: Outbox) -> int:
    """Send the messages that are due, over one SMTP connection; returns how many it took."""
    settings = ctx.settings
    assert isinstance(settings, NotificationsSettings)
    async with ctx.db.transaction() as session:
        due = list(
            (
                await session.scalars(
                    select(Message)
                    .where(
                        Message.status == MessageStatus.QUEUED,
                        Message.next_attempt_at <= func.now(),
                    )
                    .order_by(Message.next_attempt_at)
                    .limit(settings.dispatch_batch_size)
                    .with_for_update(skip_locked=True)
                )
            ).all()
        )
        if not due:
            return 0
        client = sender.client()
        connect_error: Exception | None = None
        try:
            await client.connect()
        except (aiosmtplib.SMTPException, OSError) as exc:
            connect_error = exc
        for message in due:
            error = connect_error
            if error is None:
                try:
                    response = await client.send_message(
                        sender.build(
                            message.recipient,
                            message.subject,
                            message.body,
                            {"X-ASB-Message-Id": str(message.id)},
                        )
                    )
                    message.provider_id = str(response[1])[:300]
                except (aiosmtplib.SMTPException, OSError) as exc:
                    error = exc
            message.attempts += 1
            if error is None:
                message.status = MessageStatus.DELIVERED
                message.delivered_at = utcnow()
                await outbox.add(
                    session,
                    MessageDelivered(
                        message_id=message.id,
                        channel=ContactChannel(message.channel),
                        template=message.template,
                        case_id=message.case_id,
                        delivered_at=message.delivered_at,
                    ),
                    organisation_id=message.organisation_id,
                )
            elif message.attempts >= settings.max_attempts:
                message.status = MessageStatus.FAILED
                message.last_error = repr(error)[:2000]
                await outbox.add(
                    session,
                    MessageFailed(
                        message_id=message.id,
                        channel=ContactChannel(message.channel),
                        template=message.template,
                        case_id=message.case_id,
                        error=message.last_error,
                    ),
                    organisation_id=message.organisation_id,
                )
            else:
                message.last_error = repr(error)[:2000]
                message.next_attempt_at = utcnow() + retry_delay(message.attempts)
        if connect_error is None:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError):
                pass
    return len(due)
