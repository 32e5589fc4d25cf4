"""Email over SMTP with aiosmtplib, to any relay (a provider's, or the local mail sink).

A dispatcher sends one message at a time, so the channel keeps one SMTP session open and sends
message after message on it (one connection, greeting and EHLO for many messages, not each).
A session idle for longer than ``smtp_idle_seconds`` is closed first (relays drop idle clients).
A kept session the relay has dropped meanwhile is found out by the send that tries it: that
send is made once more, at once, on a new session. The guarantees are the dispatcher's, as with
a session a message: each message's outcome is recorded on its own, and a repeat is the same
email with the same Message-ID.
"""

from __future__ import annotations

import asyncio
import socket
import time
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
        self._session: aiosmtplib.SMTP | None = None
        self._last_used = 0.0
        self._lock = asyncio.Lock()
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

    async def _open(self) -> aiosmtplib.SMTP:
        s = self.settings
        session = aiosmtplib.SMTP(
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username,
            password=s.smtp_password.get_secret_value() if s.smtp_password else None,
            start_tls=s.smtp_starttls,
            use_tls=s.smtp_use_tls,
            timeout=s.smtp_timeout_seconds,
            local_hostname=await self.local_hostname(),
        )
        await session.connect()
        return session

    async def _kept(self) -> aiosmtplib.SMTP | None:
        """The session kept from the last send, if it may be used again."""
        session, self._session = self._session, None
        if session is None:
            return None
        idle = time.monotonic() - self._last_used
        if session.is_connected and idle < self.settings.smtp_idle_seconds:
            return session
        await _close(session)
        return None

    async def _deliver(self, email: EmailMessage) -> str:
        kept = await self._kept()
        if kept is not None:
            try:
                _, reply = await kept.send_message(email)
                self._keep(kept)
                return reply
            except (aiosmtplib.SMTPServerDisconnected, ConnectionError):
                # Dropped by the relay while kept: the message goes once more on a new session.
                await _close(kept)
        session = await self._open()
        try:
            _, reply = await session.send_message(email)
        except BaseException:
            await _close(session)
            raise
        self._keep(session)
        return reply

    def _keep(self, session: aiosmtplib.SMTP) -> None:
        self._session = session
        self._last_used = time.monotonic()

    async def close(self) -> None:
        async with self._lock:
            if self._session is not None:
                await _close(self._session)
                self._session = None

    async def send(self, message: uuid.UUID, to: str, subject: str, body: str) -> Outcome:
        try:
            async with self._lock:
                reply = await self._deliver(self.build(message, to, subject, body))
        except aiosmtplib.SMTPRecipientsRefused as exc:
            return _by_code(min(r.code for r in exc.recipients), str(exc))
        except aiosmtplib.SMTPResponseException as exc:
            return _by_code(exc.code, f"{exc.code} {exc.message}")
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            # Cannot connect, disconnected, timed out: the relay may be back soon.
            return Temporary(f"{type(exc).__name__}: {exc}")
        return Accepted(reply[:100], final=True)


async def _close(session: aiosmtplib.SMTP) -> None:
    """QUIT if the session still answers; otherwise just drop it."""
    if session.is_connected:
        try:
            await session.quit(timeout=2)
        except (aiosmtplib.SMTPException, OSError, TimeoutError):
            session.close()
    else:
        session.close()


def _by_code(code: int, error: str) -> Outcome:
    """SMTP replies: 4xx try again later, 5xx never."""
    return Permanent(error) if 500 <= code < 600 else Temporary(error)
