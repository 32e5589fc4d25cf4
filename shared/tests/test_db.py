"""The database edge: what survives a server-side disconnect, and what never reaches a log."""

from __future__ import annotations

import asyncio
import logging
import uuid

import asyncpg
import pytest
from asb_shared.db import Database, asyncpg_dsn, create_database_if_missing, notify_once
from asb_shared.errors import NoStatementValues, describe
from asb_shared.testing import TestEnvironment
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError


async def _terminate_sessions(url: str) -> int:
    """Terminate every session of the database, as a restart or an operator would."""
    dsn = asyncpg_dsn(url)
    name = dsn.rsplit("/", 1)[1]
    admin = await asyncpg.connect(dsn.rsplit("/", 1)[0] + "/postgres")
    try:
        return len(
            await admin.fetch(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = $1 AND pid <> pg_backend_pid()",
                name,
            )
        )
    finally:
        await admin.close()


async def test_a_pooled_connection_the_server_closed_is_replaced_without_failing_anyone(
    test_env: TestEnvironment,
) -> None:
    url = test_env.database_url(f"dbedge_{uuid.uuid4().hex[:6]}")
    await create_database_if_missing(url)
    db = Database(url, pool_size=3)
    try:
        # Fill the pool with three live connections.
        async def hold() -> None:
            async with db.transaction() as session:
                await session.execute(text("SELECT pg_sleep(0.05)"))

        await asyncio.gather(hold(), hold(), hold())
        assert await _terminate_sessions(url) == 3
        await asyncio.sleep(0.2)  # the closed sockets reach the event loop
        # Every one of them is replaced on checkout: no transaction sees the dead connection.
        for _ in range(6):
            async with db.transaction() as session:
                assert (await session.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await db.dispose()


async def test_a_database_error_is_logged_and_stored_without_its_parameter_values(
    test_env: TestEnvironment,
) -> None:
    url = test_env.database_url(f"dbedge_{uuid.uuid4().hex[:6]}")
    await create_database_if_missing(url)
    db = Database(url, pool_size=1)
    try:
        with pytest.raises(DBAPIError) as raised:
            async with db.transaction() as session:
                await session.execute(
                    text("SELECT CAST(:email AS integer)"), {"email": "sam@example.org"}
                )
        # The driver's own message quotes the value; what we log or store never does.
        assert "sam@example.org" not in describe(raised.value)
        assert "SELECT CAST" in describe(raised.value)
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "handler failed", None, None)
        record.exc_info = (type(raised.value), raised.value, raised.value.__traceback__)
        assert NoStatementValues().filter(record)
        line = logging.Formatter().format(record)
        assert "sam@example.org" not in line
        assert "handler failed: DBAPIError" in line
    finally:
        await db.dispose()


async def test_notify_once_wakes_the_listener_even_when_a_savepoint_took_the_first_back(
    test_env: TestEnvironment,
) -> None:
    """One NOTIFY per transaction is enough, but not when the savepoint that sent it was rolled
    back: then the next call sends it again, so the commit still wakes the listener."""
    url = test_env.database_url(f"dbnotify_{uuid.uuid4().hex[:6]}")
    await create_database_if_missing(url)
    db = Database(url, pool_size=2)
    listener = await asyncpg.connect(asyncpg_dsn(url))
    heard: asyncio.Queue[str] = asyncio.Queue()
    await listener.add_listener("asb_test_wake", lambda *args: heard.put_nowait(args[2]))
    try:
        async with db.transaction() as session:
            savepoint = await session.begin_nested()
            await notify_once(session, "asb_test_wake")
            await savepoint.rollback()
            await notify_once(session, "asb_test_wake")
            await notify_once(session, "asb_test_wake")  # the same transaction: not sent again
        assert await asyncio.wait_for(heard.get(), timeout=10) == "asb_test_wake"

        # A later transaction on the same pooled connection notifies afresh.
        async with db.transaction() as session:
            await notify_once(session, "asb_test_wake")
        assert await asyncio.wait_for(heard.get(), timeout=10) == "asb_test_wake"
    finally:
        await listener.close()
        await db.dispose()


async def test_a_statement_sent_along_runs_every_time_and_the_notification_goes_once(
    test_env: TestEnvironment,
) -> None:
    """The outbox's insert travels with the notification: every insert is kept, and the commit
    wakes the listener once."""
    url = test_env.database_url(f"dbnotify_{uuid.uuid4().hex[:6]}")
    await create_database_if_missing(url)
    db = Database(url, pool_size=2)
    listener = await asyncpg.connect(asyncpg_dsn(url))
    heard: asyncio.Queue[str] = asyncio.Queue()
    await listener.add_listener("asb_test_along", lambda *args: heard.put_nowait(args[2]))
    add = "INSERT INTO along_rows (n) VALUES ($1)"
    try:
        async with db.transaction() as session:
            await session.execute(text("CREATE TABLE along_rows (n integer)"))
        async with db.transaction() as session:
            savepoint = await session.begin_nested()
            await notify_once(session, "asb_test_along", along=add, params=(1,))
            await savepoint.rollback()  # takes its row and its notification back
            for n in (2, 3):
                await notify_once(session, "asb_test_along", along=add, params=(n,))
        assert await asyncio.wait_for(heard.get(), timeout=10) == "asb_test_along"
        async with db.transaction() as session:
            kept = (await session.execute(text("SELECT n FROM along_rows ORDER BY n"))).scalars()
            assert list(kept) == [2, 3]
        await asyncio.sleep(0.2)
        assert heard.empty()  # one notification for the transaction
    finally:
        await listener.close()
        await db.dispose()
