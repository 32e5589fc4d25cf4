"""An unreachable database is told from a failing statement, answered 503 with Retry-After in
the common shape, logged once per outage and counted; a commit that succeeded stands."""

from __future__ import annotations

import errno
import logging
import socket
import uuid
from collections.abc import Iterator

import asyncpg
import httpx
import pytest
from asb_shared.db import Database, create_database_if_missing
from asb_shared.errors import DATABASE_UNAVAILABLE, install_error_handlers, unstorable_text
from asb_shared.observability import RequestContextMiddleware, RoutineReconnects
from asb_shared.outages import Outage, database_outage, database_unavailable
from asb_shared.testing import TestEnvironment
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncSession


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wrapped(orig: BaseException) -> DBAPIError:
    """What SQLAlchemy raises for a driver error: the adapted error, caused by asyncpg's."""
    adapted = Exception(str(orig))
    adapted.__cause__ = orig
    return OperationalError("SELECT 1", None, adapted)


async def _refused() -> BaseException:
    db = Database(f"postgresql+asyncpg://postgres@127.0.0.1:{_closed_port()}/nothing")
    try:
        async with db.transaction() as session:
            await session.execute(text("SELECT 1"))
    except Exception as exc:
        return exc
    finally:
        await db.dispose()
    raise AssertionError("a closed port accepted a connection")


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.TooManyConnectionsError("sorry, too many clients already"),
        asyncpg.CannotConnectNowError("the database system is starting up"),
        asyncpg.AdminShutdownError("terminating connection due to administrator command"),
        asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
        asyncpg.InterfaceError("connection is closed"),
        PoolTimeout("QueuePool limit of size 3 overflow 0 reached"),
        _wrapped(asyncpg.AdminShutdownError("terminating connection")),
        DBAPIError("SELECT 1", None, Exception("gone"), connection_invalidated=True),
    ],
    ids=lambda exc: type(exc).__name__,
)
def test_an_unreachable_database_is_recognised(exc: BaseException) -> None:
    assert database_unavailable(exc)


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.UniqueViolationError("duplicate key value"),
        IntegrityError("INSERT", None, Exception("duplicate key value")),
        _wrapped(asyncpg.SerializationError("could not serialize access")),
        asyncpg.InterfaceError("cannot perform operation: another operation is in progress"),
        # A socket error raised by anything but the driver is not the database's (an HTTP
        # client's, say), nor is a full disk.
        ConnectionRefusedError(errno.ECONNREFUSED, "refused"),
        OSError(errno.ENOSPC, "No space left on device"),
        RuntimeError("a bug"),
    ],
    ids=lambda exc: f"{type(exc).__name__}-{exc}"[:40],
)
def test_a_statement_or_a_bug_is_not_an_outage(exc: BaseException) -> None:
    assert not database_unavailable(exc)


def test_what_an_unavailable_database_caused_counts_through_its_causes() -> None:
    try:
        try:
            raise asyncpg.TooManyConnectionsError("sorry, too many clients already")
        except asyncpg.PostgresError:
            raise ValueError("while loading the case") from None
    except ValueError as exc:
        # ``from None`` hides the context from the traceback, not from the chain.
        assert database_unavailable(exc)


async def test_a_refused_connection_from_the_driver_is_recognised() -> None:
    assert database_unavailable(await _refused())


@pytest.fixture
def records() -> Iterator[list[logging.LogRecord]]:
    caught: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = caught.append  # type: ignore[method-assign]
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    try:
        yield caught
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_an_outage_is_logged_when_it_begins_and_ends_not_at_every_failure(
    records: list[logging.LogRecord],
) -> None:
    outage = Outage("thing down", logging.getLogger("test.outage"))
    for _ in range(50):
        outage.failed("ConnectionRefusedError")
    assert outage.ongoing and outage.cause == "ConnectionRefusedError"
    outage.ended()
    outage.ended()
    lines = [(r.levelname, r.getMessage()) for r in records if r.name == "test.outage"]
    assert lines == [
        ("WARNING", "thing down: ConnectionRefusedError"),
        ("INFO", lines[1][1]),
    ]
    assert "(50 failures)" in lines[1][1]
    assert not outage.ongoing and outage.cause is None


def test_a_long_outage_is_recalled_now_and_then(records: list[logging.LogRecord]) -> None:
    outage = Outage("thing down", logging.getLogger("test.outage"), remind_every=0)
    outage.failed("first")
    outage.failed("second")
    warnings = [r.getMessage() for r in records if r.name == "test.outage"]
    assert len(warnings) == 2 and "still" in warnings[1] and "(2 failures)" in warnings[1]


def _api(database_url: str) -> FastAPI:
    app = FastAPI(title="outage-test")
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware, service="outage-test")
    db = Database(database_url, pool_size=2)

    @app.get("/read")
    async def read() -> dict[str, int]:
        async with db.transaction() as session:
            return {"n": (await session.execute(text("SELECT 1"))).scalar_one()}

    @app.get("/broken")
    async def broken() -> None:
        async with db.transaction() as session:
            await session.execute(text("SELECT * FROM no_such_table"))

    app.state.db = db
    return app


async def test_requests_while_the_database_is_down_get_503_with_retry_after_logged_once(
    records: list[logging.LogRecord], test_env: TestEnvironment
) -> None:
    database_outage.ended()
    app = _api(f"postgresql+asyncpg://postgres@127.0.0.1:{_closed_port()}/nothing")
    before = DATABASE_UNAVAILABLE.labels("outage-test")._value.get()
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        answers = [await client.get("/read") for _ in range(5)]
    await app.state.db.dispose()
    assert {a.status_code for a in answers} == {503}
    assert all(a.headers["retry-after"] == "2" for a in answers)
    assert answers[0].json()["error"]["code"] == "unavailable"
    assert set(answers[0].json()["error"]) == {"code", "message", "details"}
    assert DATABASE_UNAVAILABLE.labels("outage-test")._value.get() == before + 5
    assert not [r for r in records if r.getMessage() == "unhandled error"]
    warned = [r for r in records if r.levelno == logging.WARNING and "503" in r.getMessage()]
    assert len(warned) == 1 and "ConnectionRefusedError" in warned[0].getMessage()

    # The database is back (another server, here): the first connection ends the outage, and
    # a statement that fails on its own account is still a 500.
    url = test_env.database_url(f"outage_{uuid.uuid4().hex[:6]}")
    await create_database_if_missing(url)
    app = _api(url)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/read")).status_code == 200
        assert (await client.get("/broken")).status_code == 500
    await app.state.db.dispose()
    assert not database_outage.ongoing
    assert [r for r in records if "over after" in r.getMessage() and r.levelno == logging.INFO]
    assert len([r for r in records if r.getMessage() == "unhandled error"]) == 1


async def test_a_transaction_that_committed_stands_though_its_connection_dies_at_once(
    test_env: TestEnvironment,
) -> None:
    url = test_env.database_url(f"outage_{uuid.uuid4().hex[:6]}")
    await create_database_if_missing(url)
    db = Database(url, pool_size=1)
    try:
        async with db.transaction() as session:
            await session.execute(text("CREATE TABLE kept (id int)"))

        async with db.transaction() as session:
            await session.execute(text("INSERT INTO kept VALUES (1)"))
            connection = await session.connection()
            raw = (await connection.get_raw_connection()).driver_connection
            assert isinstance(raw, asyncpg.Connection)

            def die(_: object) -> None:
                raw.terminate()  # the server's answer to COMMIT came, then the socket died

            event.listen(session.sync_session, "after_commit", die)
        # No error reached the caller: the answer to a committed request stands.
        assert raw.is_closed()
        async with db.transaction() as check:
            assert (await check.execute(text("SELECT count(*) FROM kept"))).scalar_one() == 1
        assert isinstance(check, AsyncSession)
    finally:
        await db.dispose()


def _record(logger: str, level: int, msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord(logger, level, __file__, 1, msg, args, None)


def test_routine_reconnect_lines_of_the_amqp_libraries_are_debug_and_real_errors_stay() -> None:
    routine = RoutineReconnects()
    closed = _record(
        "aio_pika.tools",
        logging.ERROR,
        "Callback %r error: %s: %s",
        "<OneShotCallback: cb=RobustChannel._on_close>",
        "RuntimeError",
        "<ConnectionClosed: (320, 'CONNECTION_FORCED')> closed",
    )
    forced = _record(
        "aiormq.connection",
        logging.ERROR,
        'Unexpected connection close from remote "%s", Connection.Close(reply_code=%r, reply_text=%r)',
        "amqp://guest:******@127.0.0.1:5672/",
        320,
        "CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'",
    )
    refused = _record(
        "aiormq.connection",
        logging.ERROR,
        "error when creating transport: %r",
        ConnectionRefusedError(111, "Connect call failed"),
    )
    for record in (closed, forced, refused):
        assert not routine.filter(record)
        assert record.levelname == "DEBUG"
    # Refused access, a frame error, an unrouted return: real errors, kept as they are.
    refused_access = _record(
        "aiormq.connection",
        logging.ERROR,
        'Unexpected connection close from remote "%s", Connection.Close(reply_code=%r, reply_text=%r)',
        "amqp://guest:******@127.0.0.1:5672/",
        530,
        "NOT_ALLOWED - access to vhost 'x' refused",
    )
    unhandled = _record("aiormq.channel", logging.ERROR, "Unhandled message %r returning", "m")
    ours = _record("asb_shared.messaging.consumer", logging.ERROR, "message parked")
    for record in (refused_access, unhandled, ours):
        assert routine.filter(record)
        assert record.levelname == "ERROR"


def test_text_the_database_cannot_hold_is_the_clients_error_not_an_outage() -> None:
    refused = asyncpg.CharacterNotInRepertoireError("invalid byte sequence for encoding UTF8: 0x00")
    wrapped = DBAPIError("INSERT INTO officers ...", {}, refused)
    assert unstorable_text(wrapped) and not database_unavailable(wrapped)
    assert not unstorable_text(DBAPIError("SELECT 1", {}, asyncpg.UniqueViolationError("dup")))
