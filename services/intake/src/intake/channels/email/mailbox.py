"""The reporting mailbox: every inbound email kept whole, then turned into a report.

A message is first kept in ``inbound_mail`` (status ``received``); only then is the sender's
server told it arrived. It is then made into a report: the report, its evidence, its event and
the mail's new status are written in one transaction. Mail that cannot be a report by itself
waits for staff with ``needs_attention`` and the reason; mail that failed for a passing reason
(storage or database down) stays ``received`` and the sweep tries it again. The staff's view of
the mailbox (what needs attention, the raw message) is here too.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from asb_shared.contracts.common import Channel
from asb_shared.evidence.checks import (
    DEFAULT_MAX_BYTES,
    CheckedFile,
    EvidenceRefused,
    check_evidence,
    safe_filename,
)
from asb_shared.evidence.content import DEFAULT_MAX_PIXELS
from asb_shared.evidence.storage import EvidenceStore, StoredEvidence, discard, store_checked
from asb_shared.organisations import find_organisation, refusal
from asb_shared.pagination import Page, page_of
from asb_shared.usecase import Forbidden, NotFound, Transactions, UnitOfWork
from sqlalchemy import func, insert, or_, select, update

from ...reports import references
from ...reports.links import ReporterLinks
from ...reports.models import Report
from ...reports.tracking import hash_token, new_token
from ...reports.usecases import AcceptReport, accept_report
from .models import InboundMail
from .parsing import ParsedMail, parse_mail, read_headers
from .replies import PermanentReplyFailure, SmtpReplies, report_not_taken, report_taken
from .schemas import InboundMailOut

log = logging.getLogger(__name__)

RECEIVED = "received"
"""Kept, not yet turned into a report (or tried and failed for a passing reason)."""
CONVERTED = "converted"
DUPLICATE = "duplicate"
"""The same Message-ID was already turned into a report: ``report_id`` is that report."""
NEEDS_ATTENTION = "needs_attention"

RETRY_AFTER = timedelta(seconds=60)
"""How old a ``received`` message must be before the sweep tries it again."""
GIVE_UP_AFTER = timedelta(hours=1)
"""After this, a message that still fails to convert is left to staff."""


def _problem_text(problem: str | None, notes: Sequence[str]) -> str | None:
    parts = ([problem] if problem else []) + list(notes)
    return "; ".join(parts) or None


AWAITING_ROUTE = "awaiting_route"
"""A report's reply waits until casework has put the report on its route: the contact rules
decide then whether it goes (:mod:`.autoreply`)."""
OWED = "owed"
SENT = "sent"
REFUSED = "refused"
WITHHELD = "withheld"
"""Reply statuses: to be sent, sent, refused for good by the relay, or withheld by the contact
rules (the reason in ``reply_note``)."""
REPLIES_CHANNEL = "intake_mail_replies"
"""Notified when a reply becomes owed after its route was decided: the replier sends it."""
REPLY_FOR = timedelta(days=1)
"""How long a reply that keeps failing is tried again."""


async def _set(
    uow: UnitOfWork,
    mail_id: uuid.UUID,
    status: str,
    problem: str | None,
    *,
    report_id: uuid.UUID | None = None,
    reply_to: str | None = None,
) -> None:
    """Move a message on from ``received`` (only from there: a status is set once). A report's
    reply waits for its route; the reply to mail that made no report is owed at once (it
    carries no reference nor code)."""
    reply = None if not reply_to else AWAITING_ROUTE if status == CONVERTED else OWED
    await uow.session.execute(
        update(InboundMail)
        .where(InboundMail.id == mail_id, InboundMail.status == RECEIVED)
        .values(status=status, problem=problem, report_id=report_id, reply_status=reply)
    )


class MailRefused(Exception):
    """A message that can never be kept: the sender is told so for good (SMTP 554)."""


class InboundMailbox:
    """Keeps inbound messages and turns them into reports (the listener's working part)."""

    def __init__(
        self,
        transactions: Transactions,
        store: EvidenceStore,
        organisation_id: uuid.UUID,
        *,
        max_file_bytes: int = DEFAULT_MAX_BYTES,
        max_image_pixels: int = DEFAULT_MAX_PIXELS,
        replies: SmtpReplies | None = None,
        links: ReporterLinks | None = None,
    ) -> None:
        self.transactions = transactions
        self.store = store
        self.organisation_id = organisation_id
        self.max_file_bytes = max_file_bytes
        self.max_image_pixels = max_image_pixels
        self.replies = replies
        self.links = links or ReporterLinks("")

    async def keep(self, raw: bytes, envelope_from: str | None = None) -> uuid.UUID:
        """Store the message whole, as ``received``; raises MailRefused if it can never be
        kept, other errors if it could not be kept now."""
        headers = read_headers(raw, envelope_from)
        why = headers.never_takeable()
        if why is not None:
            raise MailRefused(why)
        async with self.transactions() as uow:
            # The mailbox's landlord must be on the platform: otherwise no report could be made.
            refused = refusal(
                await find_organisation(uow.session, self.organisation_id), references.SERVICE
            )
            if refused is not None:
                raise MailRefused(f"this mailbox does not take reports now: {refused.message}")
            return (
                await uow.session.execute(
                    insert(InboundMail)
                    .values(
                        organisation_id=self.organisation_id,
                        mail_from=headers.mail_from,
                        subject=headers.subject,
                        message_id=headers.message_id,
                        raw=raw,
                        status=RECEIVED,
                    )
                    .returning(InboundMail.id)
                )
            ).scalar_one()

    async def process(self, mail_id: uuid.UUID, raw: bytes | None = None) -> str:
        """Try to turn a kept message into a report, then reply to its sender; returns its
        status. Never raises (except on cancellation: the message then stays ``received``,
        or its reply owed, for the sweep)."""
        try:
            if raw is None:
                async with self.transactions() as uow:
                    raw = await uow.session.scalar(
                        select(InboundMail.raw).where(InboundMail.id == mail_id)
                    )
                if raw is None:
                    return "missing"
            status = await self._convert(mail_id, raw)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("inbound mail could not be converted", extra={"mail_id": str(mail_id)})
            return await self._failed(mail_id, f"{type(exc).__name__}: {exc}")
        await self.reply(mail_id)
        return status

    async def reply(self, mail_id: uuid.UUID) -> str | None:
        """Send the reply a message is owed, if any; returns the reply status. Never raises
        (except on cancellation): a reply that failed for a passing reason stays owed."""
        if self.replies is None:
            return None
        try:
            return await self._reply(mail_id, self.replies)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning(
                "reply to inbound mail not sent; it will be tried again",
                exc_info=True,
                extra={"mail_id": str(mail_id)},
            )
            await self._later(mail_id)
            return OWED

    async def _later(self, mail_id: uuid.UUID) -> None:
        """A decided reply that failed for a passing reason waits ``RETRY_AFTER`` (never a loop
        on a relay that is down)."""
        try:
            async with self.transactions() as uow:
                await uow.session.execute(
                    update(InboundMail)
                    .where(
                        InboundMail.id == mail_id,
                        InboundMail.reply_status == OWED,
                        InboundMail.reply_after.is_not(None),
                    )
                    .values(reply_after=func.now() + RETRY_AFTER)
                )
        except Exception:
            log.warning("reply not put off", exc_info=True, extra={"mail_id": str(mail_id)})

    async def send_due(self, limit: int = 100) -> int:
        """Send the replies the contact rules decided, whose time has come (now, or the start
        of the reporter's safe window); returns how many were tried."""
        async with self.transactions() as uow:
            ids = (
                await uow.session.scalars(
                    select(InboundMail.id)
                    .where(
                        InboundMail.organisation_id == self.organisation_id,
                        InboundMail.reply_status == OWED,
                        InboundMail.reply_after <= func.now(),
                    )
                    .order_by(InboundMail.reply_after)
                    .limit(limit)
                )
            ).all()
        sent = 0
        for mail_id in ids:
            if await self.reply(mail_id) == SENT:
                sent += 1
        return sent

    async def _reply(self, mail_id: uuid.UUID, replies: SmtpReplies) -> str | None:
        async with self.transactions() as uow:
            mail = (
                await uow.session.execute(
                    select(
                        InboundMail.status,
                        InboundMail.problem,
                        InboundMail.message_id,
                        InboundMail.report_id,
                        InboundMail.raw,
                    )
                    .where(
                        InboundMail.id == mail_id,
                        InboundMail.reply_status == OWED,
                        or_(
                            InboundMail.reply_after.is_(None), InboundMail.reply_after <= func.now()
                        ),
                    )
                    .with_for_update(skip_locked=True)
                )
            ).first()
            if mail is None:
                return None  # nothing owed, or being sent elsewhere
            to = parse_mail(mail.raw, self.organisation_id).reply_to
            if to is None:
                status = REFUSED
            else:
                if mail.status == CONVERTED and mail.report_id is not None:
                    # A fresh token, its hash replacing the one stored: the token exists
                    # only in this reply (never on the bus, never stored in plain text).
                    token = new_token()
                    reference = (
                        await uow.session.execute(
                            update(Report)
                            .where(Report.id == mail.report_id)
                            .values(tracking_token_hash=hash_token(token))
                            .returning(Report.reference)
                        )
                    ).scalar_one()
                    notes = mail.problem.split("; ") if mail.problem else []
                    reply = report_taken(
                        to,
                        reference,
                        token,
                        self.links.private_url(reference, token),
                        notes,
                        on_site=self.links.on_site,
                    )
                else:
                    reply = report_not_taken(to, mail.problem or "the email could not be read")
                try:
                    await replies.send(reply, mail_id, mail.message_id)
                    status = SENT
                except PermanentReplyFailure as exc:
                    log.warning(
                        "reply to inbound mail refused by the relay",
                        extra={"mail_id": str(mail_id), "error": str(exc)[:200]},
                    )
                    status = REFUSED
            await uow.session.execute(
                update(InboundMail).where(InboundMail.id == mail_id).values(reply_status=status)
            )
            return status

    def _evidence(self, parsed: ParsedMail) -> tuple[list[CheckedFile], list[str]]:
        """The attachments taken as evidence, and notes on those that are not."""
        checked: list[CheckedFile] = []
        notes = list(parsed.notes)
        for attachment in parsed.attachments:
            name = safe_filename(attachment.filename)
            try:
                checked.append(
                    check_evidence(
                        attachment.data,
                        attachment.filename,
                        attachment.content_type,
                        max_bytes=self.max_file_bytes,
                        max_pixels=self.max_image_pixels,
                    )
                )
            except EvidenceRefused as exc:
                notes.append(f"attachment {name!r} not kept as evidence: {exc.message}")
        return checked, notes

    async def _convert(self, mail_id: uuid.UUID, raw: bytes) -> str:
        try:
            parsed = parse_mail(raw, self.organisation_id)
        except Exception as exc:  # a message the email package cannot read at all
            parsed = ParsedMail(None, [], f"the message could not be read: {exc}")
        # Parsing photos and recordings is CPU work: off the event loop.
        checked, notes = await asyncio.to_thread(self._evidence, parsed)
        if parsed.report is None:
            async with self.transactions() as uow:
                await _set(
                    uow,
                    mail_id,
                    NEEDS_ATTENTION,
                    _problem_text(parsed.problem, notes),
                    reply_to=parsed.reply_to,
                )
            return NEEDS_ATTENTION

        stored: list[StoredEvidence] = []
        try:
            async with self.transactions() as uow:
                mail = (
                    await uow.session.execute(
                        select(InboundMail.id, InboundMail.message_id)
                        .where(InboundMail.id == mail_id, InboundMail.status == RECEIVED)
                        .with_for_update(skip_locked=True)
                    )
                ).first()
                if mail is None:
                    return "taken"  # done already, or in hand elsewhere
                message_id = mail.message_id
                if message_id:
                    first = await self._first_report_of(uow, mail_id, message_id)
                    if first is not None:
                        await _set(
                            uow,
                            mail_id,
                            DUPLICATE,
                            "the same message (Message-ID) was already made into a report",
                            report_id=first,
                        )
                        return DUPLICATE
                for item in checked:
                    stored.append(await store_checked(self.store, self.organisation_id, item))
                accepted = await accept_report(
                    uow,
                    AcceptReport(
                        parsed.report,
                        Channel.EMAIL,
                        source_reference=message_id,
                        evidence=stored,
                    ),
                )
                await _set(
                    uow,
                    mail_id,
                    CONVERTED,
                    _problem_text(None, notes),
                    report_id=accepted.id,
                    reply_to=parsed.reply_to,
                )
        except BaseException:
            await discard(self.store, stored)
            raise
        log.info(
            "inbound mail made into a report",
            extra={"mail_id": str(mail_id), "reference": accepted.reference},
        )
        return CONVERTED

    async def _first_report_of(
        self, uow: UnitOfWork, mail_id: uuid.UUID, message_id: str
    ) -> uuid.UUID | None:
        """The report an earlier copy of this message (same Message-ID) was made into."""
        # One conversion at a time per Message-ID, so a copy sees the first's report.
        await uow.session.execute(
            select(
                func.pg_advisory_xact_lock(
                    func.hashtextextended(f"inbound-mail:{self.organisation_id}:{message_id}", 0)
                )
            )
        )
        return await uow.session.scalar(
            select(InboundMail.report_id)
            .where(
                InboundMail.organisation_id == self.organisation_id,
                InboundMail.message_id == message_id,
                InboundMail.status == CONVERTED,
                InboundMail.id != mail_id,
            )
            .limit(1)
        )

    async def _failed(self, mail_id: uuid.UUID, error: str) -> str:
        """A passing failure: try again later, unless the message has waited too long."""
        try:
            async with self.transactions() as uow:
                received_at = await uow.session.scalar(
                    select(InboundMail.received_at).where(InboundMail.id == mail_id)
                )
                too_old = received_at is None or (uow.now() - received_at > GIVE_UP_AFTER)
                status = NEEDS_ATTENTION if too_old else RECEIVED
                problem = (
                    f"could not be made into a report: {error}"
                    if too_old
                    else f"attempt failed ({error}); it will be tried again"
                )
                await _set(uow, mail_id, status, problem)
                return status
        except Exception:
            log.exception("inbound mail status not updated", extra={"mail_id": str(mail_id)})
            return RECEIVED

    async def sweep(self, older_than: timedelta = RETRY_AFTER, limit: int = 100) -> int:
        """Try again the messages still ``received`` (a crash, or a passing failure)."""
        async with self.transactions() as uow:
            ids = (
                await uow.session.scalars(
                    select(InboundMail.id)
                    .where(
                        InboundMail.organisation_id == self.organisation_id,
                        InboundMail.status == RECEIVED,
                        InboundMail.received_at <= func.now() - older_than,
                    )
                    .order_by(InboundMail.id)
                    .limit(limit)
                )
            ).all()
        for mail_id in ids:
            await self.process(mail_id)
        async with self.transactions() as uow:
            owed = (
                await uow.session.scalars(
                    select(InboundMail.id)
                    .where(
                        InboundMail.organisation_id == self.organisation_id,
                        InboundMail.reply_status == OWED,
                        InboundMail.reply_after.is_(None),  # decided replies: send_due
                        InboundMail.received_at <= func.now() - older_than,
                        InboundMail.received_at > func.now() - REPLY_FOR,
                    )
                    .order_by(InboundMail.id)
                    .limit(limit)
                )
            ).all()
        for mail_id in owed:
            await self.reply(mail_id)
        return len(ids) + len(owed)


# --- the staff's view of the mailbox -----------------------------------------------------------


@dataclass(frozen=True)
class MailQuery:
    status: str
    limit: int
    cursor: uuid.UUID | None = None


def _organisation(uow: UnitOfWork) -> uuid.UUID:
    if uow.actor is None:
        raise Forbidden("Only staff read the reporting mailbox.")
    return uow.actor.organisation_id


async def list_inbound_mail(uow: UnitOfWork, query: MailQuery) -> Page[InboundMailOut]:
    """Email to the staff member's organisation's mailbox with one status, oldest first."""
    statement = (
        select(
            InboundMail.id,
            InboundMail.received_at,
            InboundMail.mail_from,
            InboundMail.subject,
            InboundMail.message_id,
            InboundMail.status,
            InboundMail.problem,
            InboundMail.report_id,
            Report.reference.label("report_reference"),
            func.octet_length(InboundMail.raw).label("size"),
        )
        .outerjoin(Report, Report.id == InboundMail.report_id)
        .where(
            InboundMail.organisation_id == _organisation(uow),
            InboundMail.status == query.status,
        )
        .order_by(InboundMail.id)
        .limit(query.limit)
    )
    if query.cursor is not None:
        statement = statement.where(InboundMail.id > query.cursor)
    rows = (await uow.session.execute(statement)).all()
    return page_of(
        rows,
        query.limit,
        lambda r: InboundMailOut(
            id=r.id,
            received_at=r.received_at,
            mail_from=r.mail_from,
            subject=r.subject,
            message_id=r.message_id,
            status=r.status,
            problem=r.problem,
            report_id=r.report_id,
            report_reference=r.report_reference,
            size=r.size,
        ),
        lambda r: r.id,
    )


async def raw_mail(uow: UnitOfWork, mail_id: uuid.UUID) -> bytes:
    """The email exactly as received, if it came to the staff member's organisation."""
    raw = await uow.session.scalar(
        select(InboundMail.raw).where(
            InboundMail.id == mail_id, InboundMail.organisation_id == _organisation(uow)
        )
    )
    if raw is None:
        raise NotFound("No such email.")
    return raw
