"""Email over SMTP with aiosmtplib, to any relay (a provider's, or the local mail sink)."""

from __future__ import annotations

import asyncio
import socket
import uuid
from email.message import EmailMessage
from email.policy import default

import aiosmtplib

from ..settings import NotificationsSettings
from .outcome import Accepted, Outcome, Permanent, Temporary


def message_id(message: uuid.UUID, domain: str) -> str:
    """The email's Message-ID, derived from the message's own id: the same on every attempt,
    so a relay or a mailbox can recognise a repeat."""
    return f"<{message}@{domain}>"


class EmailChannel:
    def __init__(self, settings: NotificationsSettings) -> None:
        self.settings = settings
        self._local_hostname: str | None = None
        # The headers every email has, parsed once (parsing an address is costly).
        self._from = default.header_factory("From", settings.mail_from)
        self._auto_submitted = default.header_factory("Auto-Submitted", "auto-generated")

    async def local_hostname(self) -> str:
        """The name this host gives in EHLO, looked up once (aiosmtplib would look it up in a
        thread for every connection)."""
        if self._local_hostname is None:
            self._local_hostname = await asyncio.to_thread(socket.getfqdn)
        return self._local_hostname

    def build(self, message: uuid.UUID, to: str, subject: str, body: str) -> EmailMessage:
        email = EmailMessage()
        email["From"] = self._from
        email["To"] = to
        email["Subject"] = subject
        email["Message-ID"] = message_id(message, self.settings.message_id_domain)
        email["X-ASB-Message-Id"] = str(message)
        email["Auto-Submitted"] = self._auto_submitted
        email.set_content(body)
        return email

    async def send(self, message: uuid.UUID, to: str, subject: str, body: str) -> Outcome:
        s = self.settings
        try:
            response = await aiosmtplib.send(
                self.build(message, to, subject, body),
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username,
                password=s.smtp_password.get_secret_value() if s.smtp_password else None,
                start_tls=s.smtp_starttls,
                use_tls=s.smtp_use_tls,
                timeout=s.smtp_timeout_seconds,
                local_hostname=await self.local_hostname(),
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            return _by_code(min(r.code for r in exc.recipients), str(exc))
        except aiosmtplib.SMTPResponseException as exc:
            return _by_code(exc.code, f"{exc.code} {exc.message}")
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            # Cannot connect, disconnected, timed out: the relay may be back soon.
            return Temporary(f"{type(exc).__name__}: {exc}")
        return Accepted(str(response[1])[:100], final=True)


def _by_code(code: int, error: str) -> Outcome:
    """SMTP replies: 4xx try again later, 5xx never."""
    return Permanent(error) if 500 <= code < 600 else Temporary(error)
