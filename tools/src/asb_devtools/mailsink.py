"""A local SMTP sink with an HTTP API to read what it received.

It stands in for the mail relay on a developer's machine and in the end-to-end tests: the
notifications service speaks real SMTP to it, and tests read the messages back over HTTP
(``GET /api/messages?to=...``), much as one would with MailHog or Mailpit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import uvicorn
from aiosmtpd.smtp import SMTP, Envelope, Session
from fastapi import FastAPI, Query
from pydantic import BaseModel


class ReceivedMail(BaseModel):
    id: int
    received_at: datetime
    mail_from: str
    to: list[str]
    subject: str
    body: str
    headers: dict[str, str]


class MailStore:
    """What the sink has received, in memory, oldest first (bounded)."""

    def __init__(self, limit: int = 50_000) -> None:
        self.limit = limit
        self.messages: list[ReceivedMail] = []
        self.greylisted: set[str] = set()
        """Addresses refused once already (a handler lives for one connection only)."""
        self._ids = itertools.count(1)

    def add(self, envelope: Envelope) -> ReceivedMail:
        raw = envelope.original_content or envelope.content or b""
        parsed = message_from_bytes(
            raw if isinstance(raw, bytes) else raw.encode(), policy=policy.default
        )
        assert isinstance(parsed, EmailMessage)
        part = parsed.get_body(preferencelist=("plain", "html"))
        mail = ReceivedMail(
            id=next(self._ids),
            received_at=datetime.now(UTC),
            mail_from=envelope.mail_from or "",
            to=list(envelope.rcpt_tos),
            subject=str(parsed.get("subject", "")),
            body=part.get_content() if part is not None else "",
            headers={k: str(v) for k, v in parsed.items()},
        )
        self.messages.append(mail)
        del self.messages[: max(0, len(self.messages) - self.limit)]
        return mail


class _Handler:
    """Accepts everything, except for two kinds of test address: ``bounce…@`` is refused for
    good (550), and ``greylist…@`` is refused once for now (451), then accepted, as a relay
    that greylists does."""

    def __init__(self, store: MailStore) -> None:
        self.store = store

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        local = address.split("@")[0].lower()
        if local.startswith("bounce"):
            return "550 5.1.1 No such mailbox"
        if local.startswith("greylist") and address.lower() not in self.store.greylisted:
            self.store.greylisted.add(address.lower())
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.store.add(envelope)
        return "250 Message accepted for delivery"


def create_app(smtp_host: str, smtp_port: int) -> FastAPI:
    store = MailStore()

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: SMTP(
                _Handler(store), hostname="mailsink.local", data_size_limit=25 * 1024 * 1024
            ),
            host=smtp_host,
            port=smtp_port,
        )
        try:
            yield
        finally:
            server.close()
            await server.wait_closed()

    app = FastAPI(title="Mail sink", lifespan=lifespan)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/messages", response_model=list[ReceivedMail])
    async def messages(
        to: str | None = Query(None, description="only messages to this address"),
        since_id: int = Query(0, description="only messages after this id"),
    ) -> Any:
        found = [m for m in store.messages if m.id > since_id]
        if to:
            wanted = to.lower()
            found = [m for m in found if any(r.lower() == wanted for r in m.to)]
        return found

    @app.delete("/api/messages", status_code=204)
    async def clear() -> None:
        store.messages.clear()

    return app


def main() -> None:
    """``asb-mailsink``: run the sink."""
    parser = argparse.ArgumentParser(description="Local SMTP sink with an HTTP API.")
    parser.add_argument("--smtp-host", default="127.0.0.1")
    parser.add_argument("--smtp-port", type=int, default=1025)
    parser.add_argument("--http-host", default="127.0.0.1")
    parser.add_argument("--http-port", type=int, default=8025)
    args = parser.parse_args()
    uvicorn.run(
        create_app(args.smtp_host, args.smtp_port),
        host=args.http_host,
        port=args.http_port,
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
