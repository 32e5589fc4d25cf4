"""Replies to people who report by email: their reference and how to follow the report, or why
their message could not become a report and what to do instead.

The tracking token is made when the reply is sent and exists only there and as its hash in the
reports table: it never goes on the bus or into any store in plain text. A reply that fails is
tried again by the mailbox's sweep with a fresh token (the hash is replaced in the same
transaction), so a token that worked is never left unsent. The texts are pure (no I/O); the
sender speaks SMTP to the configured relay.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr

import aiosmtplib

from ...settings import IntakeSettings

REPLIED_SUBJECT = "Your report {reference} has been received"
NOT_TAKEN_SUBJECT = "We could not take your report from your email"


@dataclass(frozen=True)
class Reply:
    to: str
    subject: str
    body: str


def report_taken(
    to: str,
    reference: str,
    token: str,
    status_url: str,
    left_out: list[str],
    *,
    on_site: bool = False,
) -> Reply:
    """The reference and the way to follow the report; what was left out, and how to add it."""
    lines = [
        "Thank you for reporting anti-social behaviour to us.",
        "",
        f"Your reference is {reference}.",
        f"Your tracking code is {token}",
        "",
        "Keep both: with them you can see where your report has got to, add new incidents,",
        "photos or recordings, and tell us what you thought of how we dealt with it.",
        f"Follow your report at {status_url}",
    ]
    if on_site:
        # The link opens the report in a browser: the code travels in its "#" part, which
        # browsers never send to a server.
        lines += ["(or open the follow page and type your reference and tracking code)."]
    else:
        lines += [
            "(the tracking code goes in the X-Tracking-Token header, or give it to the officer",
            "when you call us).",
        ]
    if left_out:
        lines += ["", "Some of what you sent was not kept with your report:"]
        lines += [f"- {note}" for note in left_out]
        lines += [
            "Photos (JPEG, PNG, HEIC), sound recordings (MP3, M4A, WAV) and videos (MP4, MOV)",
            "can be added to your report with your reference and tracking code.",
        ]
    lines += [
        "",
        "If you are in danger or a crime is happening now, call 999.",
        "Please do not reply to this email to add to your report: use the link above.",
    ]
    return Reply(to, REPLIED_SUBJECT.format(reference=reference), "\n".join(lines))


def report_not_taken(to: str, why: str) -> Reply:
    """Why the email could not become a report, and what to do instead."""
    body = "\n".join(
        [
            "Thank you for contacting us about anti-social behaviour.",
            "",
            "We could not make a report from your email, so nothing has been started yet:",
            f"  {why}.",
            "",
            "What to do: send a new email to this address describing what happened, where and",
            "when, and who was involved if you know, with the text in the body of the email.",
            "Photos, sound recordings and videos can be attached (JPEG, PNG, HEIC, MP3, M4A,",
            "WAV, MP4, MOV); other files are not opened. You can also report on our website or",
            "by phone.",
            "",
            "A member of our team will also look at the email you sent.",
            "If you are in danger or a crime is happening now, call 999.",
        ]
    )
    return Reply(to, NOT_TAKEN_SUBJECT, body)


class PermanentReplyFailure(Exception):
    """The relay refused the reply for good (an address that does not exist...)."""


class SmtpReplies:
    """Sends replies through the configured mail relay (the mail sink locally)."""

    def __init__(self, settings: IntakeSettings) -> None:
        self.settings = settings

    async def send(self, reply: Reply, mail_id: uuid.UUID, in_reply_to: str | None) -> None:
        """Send one reply; its Message-ID comes from the inbound mail's id, so a relay can
        spot a repeat. Raises PermanentReplyFailure on a 5xx, other errors when worth retrying."""
        s = self.settings
        message = EmailMessage()
        message["From"] = formataddr((s.reply_from_name, s.reply_from_address))
        message["To"] = reply.to
        message["Subject"] = reply.subject
        message["Message-ID"] = f"<reply-{mail_id}@{s.reply_from_address.split('@')[-1]}>"
        message["Auto-Submitted"] = "auto-replied"  # RFC 3834: no autoresponder answers it
        if in_reply_to:
            message["In-Reply-To"] = in_reply_to
            message["References"] = in_reply_to
        message.set_content(reply.body)
        try:
            await aiosmtplib.send(
                message,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username,
                password=s.smtp_password.get_secret_value() if s.smtp_password else None,
                start_tls=s.smtp_starttls,
                timeout=s.smtp_timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            raise PermanentReplyFailure(str(exc)) from exc
        except aiosmtplib.SMTPResponseException as exc:
            if 500 <= exc.code < 600:
                raise PermanentReplyFailure(f"{exc.code} {exc.message}") from exc
            raise
