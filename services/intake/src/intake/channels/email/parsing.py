"""An email read as a report: the text is the description, the sender is the reporter, words
in the subject and text suggest the categories and a postcode the place. Pure: no I/O.

A message that cannot be a report by itself (no text, no readable sender, an automatic reply)
is not refused: :func:`parse_mail` says why, and the mailbox keeps it for staff.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import email.utils
import html
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from typing import Any

from asb_shared.contracts.common import AsbCategory, ContactChannel
from asb_shared.types import Line
from pydantic import TypeAdapter, ValidationError

from ...reports.contact import ContactPreferencesIn
from ...reports.schemas import LocationIn, ReporterIn, ReportIn

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


_LINE: TypeAdapter[str] = TypeAdapter(Line)


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

    def never_takeable(self) -> str | None:
        """Why the message can never be kept, whatever is tried later: a header we keep holds
        a NUL or another control character (the sender must be told at once, with a permanent
        refusal, not asked to try again for days)."""
        for name, value in (
            ("From", self.mail_from),
            ("Subject", self.subject),
            ("Message-ID", self.message_id),
        ):
            try:
                _LINE.validate_python(value or "")
            except ValidationError:
                return f"the {name} header contains control characters"
        return None


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
    reply_to: str | None = None
    """Whom to tell what became of the message: its sender, unless it is an automatic message
    (a reply to one would start a mail loop) or no sender could be read."""


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
    reply_to: str | None = None
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
        reply_to = sender.addr_spec
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
                preferences=ContactPreferencesIn(preferred=ContactChannel.EMAIL),
            ),
        )
    except MailProblem as exc:
        return ParsedMail(None, attachments, str(exc), notes, reply_to)
    except ValidationError as exc:
        problem = f"not a valid report: {_validation_text(exc)}"
        return ParsedMail(None, attachments, problem, notes, reply_to)
    return ParsedMail(report, attachments, None, notes, reply_to)
