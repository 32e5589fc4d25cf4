"""Reports by email: an SMTP listener for the landlord's reporting mailbox, run by the worker.

A message is kept whole before the sending server is told 250, so mail is never lost (if even
that fails it is told 451 and tries again later; a message that can never be kept, such as one
with a NUL in its subject, is refused for good with 554); :mod:`.mailbox` then makes it a report
and replies to its sender.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from datetime import timedelta

from aiosmtpd.smtp import SMTP, Envelope, Session
from asb_shared.evidence.storage import store_from_settings
from asb_shared.loops import NotifiedLoop, every
from asb_shared.service import WorkerContext

from ...reports.links import reporter_links
from ...settings import IntakeSettings
from .mailbox import REPLIES_CHANNEL, RETRY_AFTER, InboundMailbox, MailRefused
from .replies import SmtpReplies

log = logging.getLogger(__name__)

DEFAULT_MAX_MESSAGE_BYTES = 40 * 1024 * 1024
SWEEP_SECONDS = 60.0


class SmtpHandler:
    """aiosmtpd handler: 250 once a message is kept, 451 if it could not be kept now, 554 if
    it can never be kept (so the sender's server gives up at once instead of retrying)."""

    def __init__(self, mailbox: InboundMailbox) -> None:
        self.mailbox = mailbox
        self.in_hand = 0
        self.idle = asyncio.Event()
        self.idle.set()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.in_hand += 1
        self.idle.clear()
        try:
            raw = envelope.original_content or envelope.content or b""
            if isinstance(raw, str):
                raw = raw.encode("utf-8", "surrogateescape")
            try:
                mail_id = await self.mailbox.keep(raw, envelope.mail_from)
            except MailRefused as exc:
                log.warning("inbound mail refused for good", extra={"reason": str(exc)})
                return f"554 5.6.0 The message cannot be accepted: {exc}"
            except Exception:
                log.exception("inbound mail could not be stored")
                return "451 4.3.0 The message could not be stored; please try again later"
            await self.mailbox.process(mail_id, raw)
            return "250 2.0.0 Message accepted"
        finally:
            self.in_hand -= 1
            if self.in_hand == 0:
                self.idle.set()


async def start_smtp_server(
    handler: SmtpHandler,
    host: str,
    port: int,
    *,
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
    shared: bool = False,
) -> asyncio.Server:
    """An SMTP server on this event loop (so it shares the worker's database pool).

    ``shared``: several workers listen on the port together (``SO_REUSEPORT``); each message is
    kept by the one that received it, and the conversion and the sweep claim each message with
    ``SKIP LOCKED``, so none is made into a report twice."""
    loop = asyncio.get_running_loop()
    hostname = socket.gethostname()  # not getfqdn(): that may wait on DNS
    return await loop.create_server(
        lambda: SMTP(
            handler,
            data_size_limit=max_message_bytes,
            enable_SMTPUTF8=True,
            decode_data=False,
            hostname=hostname,
            ident="ASB intake",
        ),
        host=host,
        port=port,
        reuse_port=shared or None,
    )


async def email_listener(ctx: WorkerContext[IntakeSettings]) -> None:
    """Worker task: receive reports by email on ``inbound_smtp_host``:``inbound_smtp_port`` for
    the landlord ``inbound_mail_organisation_id`` (off when that is not set)."""
    settings = ctx.settings
    organisation = settings.inbound_mail_organisation_id
    if organisation is None:
        log.info("inbound email listener off: inbound_mail_organisation_id is not set")
        await ctx.stop.wait()
        return
    mailbox = InboundMailbox(
        ctx.transactions(),
        store_from_settings(settings),
        organisation,
        max_file_bytes=settings.evidence_max_file_bytes,
        max_image_pixels=settings.evidence_max_image_pixels,
        replies=SmtpReplies(settings) if settings.inbound_mail_replies else None,
        links=reporter_links(settings),
    )
    handler = SmtpHandler(mailbox)
    host, port = settings.inbound_smtp_host, settings.inbound_smtp_port
    try:
        server = await start_smtp_server(
            handler,
            host,
            port,
            max_message_bytes=settings.inbound_max_message_bytes,
            shared=settings.share_ports,
        )
    except OSError:
        log.exception("inbound email listener could not start", extra={"port": port})
        raise
    log.info("inbound email listener started", extra={"host": host, "port": port})
    older_than = timedelta(0)  # at start: whatever a stopped worker left

    async def sweep() -> int:
        nonlocal older_than
        try:
            return await mailbox.sweep(older_than)
        finally:
            older_than = RETRY_AFTER

    # Replies the contact rules decided once the report's route was known: sent when notified,
    # or when a reporter's safe window opens (polled).
    replier = NotifiedLoop(
        ctx.db.url,
        REPLIES_CHANNEL,
        mailbox.send_due,
        name="email replies",
        batch_size=100,
        poll_seconds=SWEEP_SECONDS,
    )
    try:
        await asyncio.gather(
            every(SWEEP_SECONDS, sweep, ctx.stop, name="inbound mail sweep"),
            replier.run(ctx.stop),
        )
    finally:
        server.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(handler.idle.wait(), 20)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.wait_closed(), 5)
        log.info("inbound email listener stopped")
