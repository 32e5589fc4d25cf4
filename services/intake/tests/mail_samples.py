"""Email as intake's tests send it: a resident's message, over real SMTP."""

from __future__ import annotations

import asyncio
import smtplib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid


def mail(
    *,
    subject: str = "Loud music from flat 4 again",
    body: str | None = (
        "The people at flat 4 played loud music until 3am again last night. "
        "The address is 10 Example Road, SK1 3XE."
    ),
    sender: str = "Alex Resident <alex@example.org>",
    message_id: str | None = None,
    date: datetime | None = None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "asb@landlord.example"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or make_msgid(domain="example.org")
    msg["Date"] = format_datetime(date or datetime.now(UTC) - timedelta(hours=2))
    if body is not None:
        msg.set_content(body)
    return msg


def _send(port: int, msg: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", port, local_hostname="test-client", timeout=30) as smtp:
        smtp.send_message(msg)


async def send(port: int, msg: EmailMessage) -> None:
    await asyncio.to_thread(_send, port, msg)


async def listening(port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True
