"""Scheduled messages go out once with several dispatcher processes, and a dispatcher killed
or cut off from its database repeats at most the one message in flight, with the same
Message-ID. The dispatchers run as real processes (``notifications worker``)."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asb_devtools.mailsink import create_app as create_mailsink
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.testing import (
    TestEnvironment,
    count_rows,
    eventually,
    free_port,
    migrated_database,
    running_api,
)
from asb_shared.usecase import UnitOfWork
from notification_samples import opened_v2, record
from notifications.main import definition
from notifications.messages.usecases import case_opened
from sqlalchemy import text

ORG = uuid.uuid4()


@pytest.fixture
def env(test_env: TestEnvironment) -> TestEnvironment:
    return test_env.derive(f"d{uuid.uuid4().hex[:6]}")


@contextlib.asynccontextmanager
async def mail_sink() -> AsyncIterator[tuple[httpx.AsyncClient, int]]:
    port = free_port()
    async with running_api(create_mailsink("127.0.0.1", port)) as client:
        yield client, port


async def seed(env: TestEnvironment, prefix: str, count: int, due_in: timedelta) -> str:
    """``count`` acknowledgements queued as the event handler queues them, due ``due_in`` on."""
    url = await migrated_database(env, definition)
    db = Database(url, pool_size=2)
    outbox = Outbox("casework")
    try:
        for start in range(0, count, 50):
            async with db.transaction() as session:
                for i in range(start, min(start + 50, count)):
                    who = record(email=f"{prefix}-{i}@example.org", reference=f"ASB-2026-{i:06d}")
                    event = opened_v2(f"ASB-2026-{i:06d}", who)
                    cause = outbox.envelope(event, organisation_id=ORG)
                    uow = UnitOfWork(session, outbox, cause=cause)
                    await case_opened(uow, event)
            async with db.transaction() as session:
                await session.execute(
                    text("UPDATE messages SET due_at = now() + make_interval(secs => :s)"),
                    {"s": due_in.total_seconds()},
                )
    finally:
        await db.dispose()
    return url


class Dispatcher:
    """``notifications worker`` as a process of its own."""

    def __init__(self, env: TestEnvironment, smtp_port: int, log: Path) -> None:
        self.environ = (
            dict(os.environ)
            | env.environ(definition)
            | {
                "SMTP_PORT": str(smtp_port),
                "WORKER_PORT": str(free_port()),
                "SEND_LEASE_SECONDS": "3",
                "DISPATCH_POLL_SECONDS": "0.2",
                "DATABASE_POOL_SIZE": "3",
                "LOG_JSON": "false",
                "LOG_LEVEL": "WARNING",
            }
        )
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "notifications", "worker"],
                env=self.environ,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


@contextlib.contextmanager
def dispatchers(*running: Dispatcher) -> Iterator[None]:
    try:
        for d in running:
            d.start()
        yield
    finally:
        for d in running:
            d.stop()


async def mails(sink: httpx.AsyncClient, prefix: str) -> list[dict[str, Any]]:
    return [
        m
        for m in (await sink.get("/api/messages")).json()
        if m["to"] and m["to"][0].startswith(prefix)
    ]


async def test_two_dispatchers_send_each_scheduled_message_once(
    env: TestEnvironment, tmp_path: Path
) -> None:
    count = 120
    async with mail_sink() as (sink, smtp_port):
        url = await seed(env, "twice", count, timedelta(seconds=3))
        a = Dispatcher(env, smtp_port, tmp_path / "a.log")
        b = Dispatcher(env, smtp_port, tmp_path / "b.log")
        with dispatchers(a, b):
            await eventually(
                lambda: _equals(count_rows(url, "messages", "status = 'delivered'"), count),
                timeout=120,
                interval=0.5,
            )
        received = await mails(sink, "twice")
    assert len(received) == count
    assert len({m["to"][0] for m in received}) == count
    assert len({m["headers"]["Message-ID"] for m in received}) == count


async def _equals(value: Any, expected: int) -> bool:
    return bool(await value == expected)


async def _at_least(value: Any, expected: int) -> bool:
    return bool(await value >= expected)


async def cut_sessions(url: str) -> int:
    """Terminate every session the dispatcher has open on its database."""
    conn = await asyncpg.connect(url.replace("+asyncpg", "").rsplit("/", 1)[0] + "/postgres")
    try:
        name = url.rsplit("/", 1)[1]
        rows = await conn.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
        return len(rows)
    finally:
        await conn.close()


async def test_killing_the_dispatcher_and_cutting_its_database_repeats_at_most_one_email_per_fault(
    env: TestEnvironment, tmp_path: Path
) -> None:
    count = 300
    faults = 0
    async with mail_sink() as (sink, smtp_port):
        url = await seed(env, "fault", count, timedelta(seconds=0))
        dispatcher = Dispatcher(env, smtp_port, tmp_path / "dispatcher.log")
        with dispatchers(dispatcher):
            await eventually(lambda: _got(sink, count // 5), timeout=120, interval=0.05)
            dispatcher.kill()  # mid-send, most likely
            faults += 1
            dispatcher.start()
            for share in (2, 3, 4):
                await eventually(
                    lambda s=share: _got(sink, count * s // 6), timeout=120, interval=0.05
                )
                cut = await cut_sessions(url)
                assert cut > 0
                faults += 1
                await asyncio.sleep(0.3)
            await eventually(
                lambda: _equals(count_rows(url, "messages", "status = 'delivered'"), count),
                timeout=180,
                interval=0.5,
            )
        received = await mails(sink, "fault")
    by_address = collections.defaultdict(list)
    for mail in received:
        by_address[mail["to"][0]].append(mail["headers"]["Message-ID"])
    extra = len(received) - count
    print(f"\n{count} messages, {faults} faults: {len(received)} emails, {extra} repeated")
    assert len(by_address) == count  # nobody missed
    assert extra <= faults
    # A repeat carries the same Message-ID, so a relay or mailbox can drop it.
    assert all(len(set(ids)) == 1 for ids in by_address.values())
    assert len({ids[0] for ids in by_address.values()}) == count


async def _got(sink: httpx.AsyncClient, at_least: int) -> bool:
    return len(await mails(sink, "fault")) >= at_least
