"""Sending email over SMTP (any relay: a provider's, or the local mail sink)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

import aiosmtplib

from .settings import NotificationsSettings


class SmtpSender:
    """Sends a batch of messages over one SMTP connection."""

    def __init__(self, settings: NotificationsSettings) -> None:
        self.settings = settings

    def client(self) -> aiosmtplib.SMTP:
        s = self.settings
        return aiosmtplib.SMTP(
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username,
            password=s.smtp_password,
            start_tls=s.smtp_starttls,
            timeout=s.smtp_timeout_seconds,
        )

    def build(
        self, recipient: str, subject: str, body: str, headers: dict[str, str]
    ) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.settings.mail_from
        message["To"] = recipient
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain="asb.local")
        for key, value in headers.items():
            message[key] = value
        message.set_content(body)
        return message
