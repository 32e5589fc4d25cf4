"""Reports by email: an SMTP listener for the landlord's reporting mailbox, run by the worker.

Every message is first kept whole in ``inbound_mail``; only then is the SMTP client told 250,
so mail is never lost (if even that fails the client is told 451 and tries again later). The
message is then turned into a report: the text is the description, the sender is the reporter,
attachments that are photos, recordings or videos become evidence. The report, its evidence, its
event and the mail's new status are written in one transaction. Mail that cannot be turned into
a report waits for staff with ``needs_attention`` and the reason; mail that failed for a passing
reason (storage or database down) stays ``received`` and is tried again.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import email.utils
import html
import logging
import re
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from asb_shared.contracts import AsbCategory, Channel, ContactChannel
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.service import WorkerContext
from pydantic import ValidationError
from sqlalchemy import func, insert, select, update

from .evidence import (
    DEFAULT_MAX_BYTES,
    CheckedFile,
    EvidenceRefused,
    check_evidence,
    discard,
    safe_filename,
    store_checked,
)
from .models import InboundMail
from .reports import StoredEvidence, accept_report
from .schemas import LocationIn, ReporterIn, ReportIn
from .storage import EvidenceStore, store_from_settings

log = logging.getLogger(__name__)

RECEIVED = "received"
"""Kept, not yet turned into a report (or tried and failed for a passing reason)."""
CONVERTED = "converted"
DUPLICATE = "duplicate"
"""The same Message-ID was already turned into a report: ``report_id`` is that report."""
NEEDS_ATTENTION = "needs_attention"

DEFAULT_MAX_MESSAGE_BYTES = 40 * 1024 * 1024
RETRY_AFTER = timedelta(seconds=60)
"""How old a ``received`` message must be before the sweep tries it again."""
GIVE_UP_AFTER = timedelta(hours=1)
"""After this, a message that still fails to convert is left to staff."""
SWEEP_SECONDS = 60.0
NO_LOCATION = "not given: see the email"
DESCRIPTION_MAX = 10_000

# Words that clearly name a category; anything else is "other" for an officer to triage.
CATEGORY_WORDS: dict[AsbCategory, tuple[str, ...]] = {
    AsbCategory.NOISE: ("noise", "noisy", "loud music", "shouting", "banging", "party"),
    AsbCategory.GRAFFITI: ("graffiti",),
    AsbCategory.VANDALISM: ("vandalism", "vandalised", "vandalized", "smashed"),
    AsbCategory.DRUGS: ("drugs", "drug dealing", "cannabis", "weed smell", "needles"),
    AsbCategory.LITTER: ("litter", "fly tipping", "fly-tipping", "flytipping", "dumped rubbish"),
    AsbCategory.PETS_ANIMALS: ("dog fouling", "barking", "dangerous dog", "dog attack"),
    AsbCategory.NUISANCE_VEHICLES: ("motorbike", "quad bike", "abandoned car", "off-road bike"),
    AsbCategory.CAR_PARKING: ("parking", "parked across", "blocking my drive"),
    AsbCategory.VERBAL_ABUSE: ("verbal abuse", "abusive", "swearing at", "threatened me"),
    AsbCategory.PHYSICAL_VIOLENCE: ("assault", "assaulted", "punched", "attacked me"),
    AsbCategory.HATE_INCIDENT: ("racist", "racism", "homophobic", "transphobic", "hate crime"),
    AsbCategory.ALCOHOL: ("drunk", "drinking in"),
    AsbCategory.DOMESTIC_ABUSE: ("domestic abuse", "domestic violence"),
    AsbCategory.CUCKOOING: ("cuckooing", "cuckooed"),
    AsbCategory.COMMUNAL_AREAS: ("communal", "stairwell", "bin store"),
    AsbCategory.GARDEN_NUISANCE: ("overgrown garden", "garden nuisance"),
    AsbCategory.BOUNDARY_DISPUTE: ("boundary dispute", "boundary fence"),
}
_CATEGORY_PATTERNS = {
    category: re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    for category, words in CATEGORY_WORDS.items()
}
# Written in capitals, with a valid inward code (no C, I, K, M, O or V): "2nd floor" is not one.
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2})\b")


class MailProblem(Exception):
    """Why a message cannot be turned into a report by itself: staff must look at it."""


def _clip(value: str | None, limit: int) -> str | None:
    return None if value is None else value[:limit]


def _header(msg: Message, name: str) -> str | None:
    """A header's decoded value, or its raw text if it cannot be decoded; never raises."""
    try:
        value = msg.get(name)
    except Exception:
        value = None
        with contextlib.suppress(Exception):
            value = msg.get_all(name, [None])[0]
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


@dataclass
class MailHeaders:
    mail_from: str
    subject: str | None
    message_id: str | None


def read_headers(raw: bytes, envelope_from: str | None = None) -> MailHeaders:
    """What is kept beside the raw message: sender, subject and Message-ID. Never raises."""
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        sender = _header(msg, "From")
        subject = _header(msg, "Subject")
        message_id = _header(msg, "Message-ID")
    except Exception:
        sender = subject = message_id = None
    return MailHeaders(
        mail_from=_clip(sender or envelope_from or "(unknown sender)", 320) or "",
        subject=subject,
        message_id=_clip(message_id.strip() if message_id else None, 300),
    )


class _HtmlText(HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    return html.unescape("".join(parser.parts))


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _part_text(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        text = content if isinstance(content, str) else content.decode("utf-8", "replace")
    except (LookupError, UnicodeError, AttributeError):
        payload = part.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if part.get_content_type() == "text/html":
        text = html_to_text(text)
    return _tidy(text)


def _categories(text: str) -> list[AsbCategory]:
    found = [c for c, pattern in _CATEGORY_PATTERNS.items() if pattern.search(text)]
    return found[:8] or [AsbCategory.OTHER]


def _occurred_at(msg: EmailMessage, now: datetime) -> datetime:
    try:
        header = msg["Date"]
        when = getattr(header, "datetime", None) if header is not None else None
    except Exception:
        when = None
    if not isinstance(when, datetime):
        return now
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return now if when > now + timedelta(minutes=5) else when


def _location(text: str) -> LocationIn:
    match = _POSTCODE.search(text)
    if match:
        return LocationIn(postcode=match.group(1), description="from the email: see the text")
    return LocationIn(description=NO_LOCATION)


@dataclass
class Attachment:
    filename: str | None
    content_type: str
    data: bytes


@dataclass
class ParsedMail:
    """A message read as a report; ``notes`` say what was left out (kept in the raw mail)."""

    report: ReportIn | None
    attachments: list[Attachment]
    problem: str | None = None
    notes: list[str] = field(default_factory=list)


def _attachments(msg: EmailMessage, body: Message | None) -> list[Attachment]:
    found = []
    for part in msg.walk():
        if part.is_multipart() or part is body:
            continue
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if part.get_content_maintype() == "text" and not filename and disposition != "attachment":
            continue  # the other version of the text (HTML beside plain text)
        payload = part.get_payload(decode=True)
        found.append(
            Attachment(
                filename=filename,
                content_type=part.get_content_type(),
                data=payload if isinstance(payload, bytes) else b"",
            )
        )
    return found


def _validation_text(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'report'}: {e['msg']}" for e in exc.errors()
    )


def parse_mail(
    raw: bytes, organisation_id: uuid.UUID, *, now: datetime | None = None
) -> ParsedMail:
    """Read a message as a report. ``report`` is None, with ``problem`` saying why, when staff
    must look at it; attachments are returned either way, unchecked."""
    now = now or datetime.now(UTC)
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    body = msg.get_body(preferencelist=("plain", "html"))
    attachments = _attachments(msg, body)
    notes: list[str] = []
    try:
        auto = (_header(msg, "Auto-Submitted") or "no").lower()
        if auto != "no" or msg.get_content_type() == "multipart/report":
            raise MailProblem("an automatic reply or delivery report, not a report of ASB")
        try:
            senders = msg["From"].addresses if msg["From"] is not None else ()
        except Exception:
            senders = ()
        if not senders or not senders[0].addr_spec or "@" not in senders[0].addr_spec:
            raise MailProblem("no sender address could be read from the From: header")
        sender = senders[0]
        text = _part_text(body) if body is not None else ""
        if len(text) < 10:
            raise MailProblem("the email has no text to make a report from")
        if len(text) > DESCRIPTION_MAX:
            cut = "\n[The email goes on: the whole message is kept with the inbound mail.]"
            text = text[: DESCRIPTION_MAX - len(cut)].rstrip() + cut
            notes.append("the text was longer than a report takes and was cut")
        subject = _header(msg, "Subject") or ""
        report = ReportIn(
            organisation_id=organisation_id,
            categories=_categories(f"{subject}\n{text}"),
            description=text,
            location=_location(f"{subject}\n{text}"),
            occurred_at=_occurred_at(msg, now),
            reporter=ReporterIn(
                name=(sender.display_name or sender.addr_spec).strip()[:200],
                email=sender.addr_spec,
                preferred_channel=ContactChannel.EMAIL,
            ),
        )
    except MailProblem as exc:
        return ParsedMail(None, attachments, str(exc), notes)
    except ValidationError as exc:
        return ParsedMail(None, attachments, f"not a valid report: {_validation_text(exc)}", notes)
    return ParsedMail(report, attachments, None, notes)


def _problem_text(problem: str | None, notes: Sequence[str]) -> str | None:
    parts = ([problem] if problem else []) + list(notes)
    return "; ".join(parts) or None


class InboundMailbox:
    """Keeps inbound messages and turns them into reports (the listener's working part)."""

    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        store: EvidenceStore,
        organisation_id: uuid.UUID,
        *,
        max_file_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.store = store
        self.organisation_id = organisation_id
        self.max_file_bytes = max_file_bytes

    async def keep(self, raw: bytes, envelope_from: str | None = None) -> uuid.UUID:
        """Store the message whole, as ``received``; raises if it could not be stored."""
        headers = read_headers(raw, envelope_from)
        async with self.db.transaction() as session:
            return (
                await session.execute(
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
        """Try to turn a kept message into a report; returns its status. Never raises (except
        on cancellation: the message then stays ``received`` for the sweep)."""
        try:
            if raw is None:
                async with self.db.sessions() as session:
                    raw = await session.scalar(
                        select(InboundMail.raw).where(InboundMail.id == mail_id)
                    )
                if raw is None:
                    return "missing"
            return await self._convert(mail_id, raw)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("inbound mail could not be converted", extra={"mail_id": str(mail_id)})
            return await self._failed(mail_id, f"{type(exc).__name__}: {exc}")

    async def _convert(self, mail_id: uuid.UUID, raw: bytes) -> str:
        try:
            parsed = parse_mail(raw, self.organisation_id)
        except Exception as exc:  # a message the email package cannot read at all
            parsed = ParsedMail(None, [], f"the message could not be read: {exc}")
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
                    )
                )
            except EvidenceRefused as exc:
                notes.append(f"attachment {name!r} not kept as evidence: {exc.message}")
        if parsed.report is None:
            await self._set(mail_id, NEEDS_ATTENTION, _problem_text(parsed.problem, notes))
            return NEEDS_ATTENTION

        stored: list[StoredEvidence] = []
        try:
            async with self.db.transaction() as session:
                mail = (
                    await session.execute(
                        select(InboundMail.id, InboundMail.message_id)
                        .where(InboundMail.id == mail_id, InboundMail.status == RECEIVED)
                        .with_for_update(skip_locked=True)
                    )
                ).first()
                if mail is None:
                    return "taken"  # done already, or in hand elsewhere
                message_id = mail.message_id
                if message_id:
                    # One conversion at a time per Message-ID, so a copy sees the first's report.
                    await session.execute(
                        select(
                            func.pg_advisory_xact_lock(
                                func.hashtextextended(
                                    f"inbound-mail:{self.organisation_id}:{message_id}", 0
                                )
                            )
                        )
                    )
                    first = await session.scalar(
                        select(InboundMail.report_id)
                        .where(
                            InboundMail.organisation_id == self.organisation_id,
                            InboundMail.message_id == message_id,
                            InboundMail.status == CONVERTED,
                            InboundMail.id != mail_id,
                        )
                        .limit(1)
                    )
                    if first is not None:
                        await self._set(
                            mail_id,
                            DUPLICATE,
                            "the same message (Message-ID) was already made into a report",
                            report_id=first,
                            session=session,
                        )
                        return DUPLICATE
                for item in checked:
                    stored.append(await store_checked(self.store, self.organisation_id, item))
                accepted = await accept_report(
                    None,
                    self.outbox,
                    parsed.report,
                    Channel.EMAIL,
                    source_reference=message_id,
                    evidence=stored,
                    session=session,
                )
                await self._set(
                    mail_id,
                    CONVERTED,
                    _problem_text(None, notes),
                    report_id=accepted.id,
                    session=session,
                )
        except BaseException:
            await discard(self.store, stored)
            raise
        log.info(
            "inbound mail made into a report",
            extra={"mail_id": str(mail_id), "reference": accepted.reference},
        )
        return CONVERTED

    async def _failed(self, mail_id: uuid.UUID, error: str) -> str:
        """A passing failure: try again later, unless the message has waited too long."""
        try:
            async with self.db.transaction() as session:
                received_at = await session.scalar(
                    select(InboundMail.received_at).where(InboundMail.id == mail_id)
                )
                too_old = received_at is None or (datetime.now(UTC) - received_at > GIVE_UP_AFTER)
                status = NEEDS_ATTENTION if too_old else RECEIVED
                problem = (
                    f"could not be made into a report: {error}"
                    if too_old
                    else f"attempt failed ({error}); it will be tried again"
                )
                await self._set(mail_id, status, problem, session=session)
                return status
        except Exception:
            log.exception("inbound mail status not updated", extra={"mail_id": str(mail_id)})
            return RECEIVED

    async def _set(
        self,
        mail_id: uuid.UUID,
        status: str,
        problem: str | None,
        *,
        report_id: uuid.UUID | None = None,
        session: Any = None,
    ) -> None:
        statement = (
            update(InboundMail)
            .where(InboundMail.id == mail_id, InboundMail.status == RECEIVED)
            .values(status=status, problem=problem, report_id=report_id)
        )
        if session is not None:
            await session.execute(statement)
            return
        async with self.db.transaction() as own:
            await own.execute(statement)

    async def sweep(self, older_than: timedelta = RETRY_AFTER, limit: int = 100) -> int:
        """Try again the messages still ``received`` (a crash, or a passing failure)."""
        async with self.db.sessions() as session:
            ids = (
                await session.scalars(
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
        return len(ids)


class SmtpHandler:
    """aiosmtpd handler: 250 once a message is kept, 451 if it could not be kept."""

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
) -> asyncio.Server:
    """An SMTP server on this event loop (so it shares the worker's database pool)."""
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
    )


async def email_listener(ctx: WorkerContext) -> None:
    """Worker task: receive reports by email on ``inbound_smtp_host``:``inbound_smtp_port`` for
    the landlord ``inbound_mail_organisation_id`` (off when that is not set)."""
    settings = ctx.settings
    organisation = getattr(settings, "inbound_mail_organisation_id", None)
    if not organisation:
        log.info("inbound email listener off: inbound_mail_organisation_id is not set")
        await ctx.stop.wait()
        return
    mailbox = InboundMailbox(
        ctx.db,
        Outbox(settings.service_name),
        store_from_settings(settings),
        uuid.UUID(str(organisation)),
        max_file_bytes=int(getattr(settings, "evidence_max_file_bytes", DEFAULT_MAX_BYTES)),
    )
    handler = SmtpHandler(mailbox)
    host = str(getattr(settings, "inbound_smtp_host", "127.0.0.1"))
    port = int(getattr(settings, "inbound_smtp_port", 2525))
    try:
        server = await start_smtp_server(
            handler,
            host,
            port,
            max_message_bytes=int(
                getattr(settings, "inbound_max_message_bytes", DEFAULT_MAX_MESSAGE_BYTES)
            ),
        )
    except OSError:
        log.exception("inbound email listener could not start", extra={"port": port})
        raise
    log.info("inbound email listener started", extra={"host": host, "port": port})
    try:
        older_than = timedelta(0)  # at start: whatever a stopped worker left
        while not ctx.stop.is_set():
            try:
                await mailbox.sweep(older_than)
            except Exception:
                log.exception("inbound mail sweep failed")
            older_than = RETRY_AFTER
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(ctx.stop.wait(), SWEEP_SECONDS)
    finally:
        server.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(handler.idle.wait(), 20)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.wait_closed(), 5)
        log.info("inbound email listener stopped")
