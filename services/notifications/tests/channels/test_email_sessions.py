"""The email channel keeps one SMTP session for message after message; a session the relay
dropped, or one idle too long, is replaced, and each message still arrives once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from asb_shared.testing import free_port
from notifications.channels import Accepted
from notifications.channels.email import EmailChannel
from notifications.settings import NotificationsSettings


@dataclass
class Relay:
    """An SMTP relay on a free port that counts its sessions (one EHLO each) and keeps the
    Message-ID of every email it accepts."""

    port: int
    sessions: int = 0
    received: list[str] = field(default_factory=list)
    connections: list[asyncio.Transport] = field(default_factory=list)

    async def handle_EHLO(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        self.sessions += 1
        if server.transport is not None:
            self.connections.append(server.transport)  # type: ignore[arg-type]
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        for line in content.decode().splitlines():
            if line.lower().startswith("message-id:"):
                self.received.append(line.split(":", 1)[1].strip())
        return "250 Message accepted for delivery"

    def drop_every_session(self) -> None:
        """What a relay does to clients it has had enough of."""
        for transport in self.connections:
            transport.close()
        self.connections.clear()


@pytest.fixture
async def relay() -> AsyncIterator[Relay]:
    found = Relay(free_port())
    server = await asyncio.get_running_loop().create_server(
        lambda: SMTP(found, hostname="relay.test"), host="127.0.0.1", port=found.port
    )
    try:
        yield found
    finally:
        server.close()


def channel(relay: Relay, **settings: float) -> EmailChannel:
    return EmailChannel(NotificationsSettings(smtp_port=relay.port, **settings))


async def send(email: EmailChannel, n: int) -> uuid.UUID:
    message = uuid.uuid4()
    outcome = await email.send(message, f"resident{n}@example.org", "Your report", "Thank you.")
    assert isinstance(outcome, Accepted), outcome
    return message


async def test_messages_one_after_another_share_one_session(relay: Relay) -> None:
    email = channel(relay)
    sent = [await send(email, n) for n in range(5)]
    await email.close()
    assert relay.sessions == 1
    assert relay.received == [f"<{m}@asb.example.org>" for m in sent]


async def test_a_session_the_relay_dropped_is_replaced_and_the_message_arrives_once(
    relay: Relay,
) -> None:
    email = channel(relay)
    first = await send(email, 1)
    relay.drop_every_session()
    await asyncio.sleep(0.1)
    second = await send(email, 2)
    await email.close()
    assert relay.sessions == 2
    assert relay.received == [f"<{first}@asb.example.org>", f"<{second}@asb.example.org>"]


async def test_a_session_idle_too_long_is_closed_and_a_new_one_opened(relay: Relay) -> None:
    email = channel(relay, smtp_idle_seconds=0.0)
    for n in range(3):
        await send(email, n)
    await email.close()
    assert relay.sessions == 3
    assert len(relay.received) == 3


async def test_a_relay_that_is_down_is_a_temporary_failure_and_the_next_send_reconnects(
    relay: Relay,
) -> None:
    email = EmailChannel(NotificationsSettings(smtp_port=free_port(), smtp_timeout_seconds=2))
    outcome = await email.send(uuid.uuid4(), "resident@example.org", "Your report", "Thank you.")
    assert not isinstance(outcome, Accepted)
    assert type(outcome).__name__ == "Temporary"
    email.settings = NotificationsSettings(smtp_port=relay.port)
    await send(email, 1)
    await email.close()
    assert relay.sessions == 1
