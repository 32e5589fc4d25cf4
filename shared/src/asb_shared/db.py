"""Async SQLAlchemy 2 on asyncpg: engine and sessions, naming convention, ids, migrations."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import uuid6
from sqlalchemy import MetaData, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

from .outages import database_outage

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    """A MetaData with the explicit constraint naming convention every service uses."""
    return MetaData(naming_convention=NAMING_CONVENTION)


class Base(DeclarativeBase):
    """Declarative base; each service subclasses it with its own metadata."""

    metadata = new_metadata()


def uuid7() -> uuid.UUID:
    """A time-ordered UUIDv7: good index locality, sortable by creation time."""
    return uuid.UUID(bytes=uuid6.uuid7().bytes)


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def _refuse_closed_connection(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Hand out no pooled connection the server has closed (a restart, a terminated session).

    asyncpg notices a closed socket without a round trip; raising DisconnectionError makes the
    pool replace the connection and try again, so the request that drew it does not fail.
    """
    raw = getattr(dbapi_connection, "_connection", None)
    if raw is not None and raw.is_closed():
        raise DisconnectionError("the server closed this pooled connection")
    # A connection handed out again: whatever made requests fail with 503 is over.
    if database_outage.ongoing:
        database_outage.ended()


class Database:
    """The engine and session factory of one service's own database."""

    def __init__(self, url: str, *, pool_size: int = 10, echo: bool = False) -> None:
        self.url = url
        # A fixed pool: overflow connections would be opened and closed under load, each paying
        # for a connection and asyncpg's type introspection. No pre-ping either: it costs a round
        # trip per transaction, and a dropped connection is recycled on its first error.
        # hide_parameters: an error's message never carries the values (people's names and
        # addresses) into a log line.
        self.engine: AsyncEngine = create_async_engine(
            url,
            pool_size=pool_size,
            max_overflow=0,
            pool_recycle=1800,
            pool_timeout=10,
            echo=echo,
            hide_parameters=True,
        )
        event.listen(self.engine.sync_engine, "checkout", _refuse_closed_connection)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction: committed on success, rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def ping(self) -> None:
        """Raise if the database cannot answer a trivial query."""
        async with self.engine.connect() as conn:
            await conn.exec_driver_sql("SELECT 1")

    async def dispose(self) -> None:
        await self.engine.dispose()


_NOTIFIED = "asb_notified"


async def notify_once(
    session: AsyncSession, channel: str, *, along: str | None = None, params: Sequence[Any] = ()
) -> None:
    """``pg_notify(channel)`` in ``session``'s transaction, once per transaction and channel.

    PostgreSQL delivers notifications at commit and folds repeats into one, so one is enough.
    What was sent is kept per innermost transaction: a savepoint rolled back takes its
    notification with it, and the next call there notifies again.

    ``along`` is a data-modifying statement in plain SQL (with ``params``) that always runs,
    in the same round trip as the notification when one is due (the outbox's insert: a
    transaction that emits events pays one round trip for the first, not two).
    """
    current = session.get_nested_transaction() or session.get_transaction()
    sent: dict[str, Any] = session.info.setdefault(_NOTIFIED, {})
    connection = await session.connection()
    if sent.get(channel) is current:
        if along is not None:
            await connection.exec_driver_sql(along, tuple(params))
        return
    if along is None:
        await connection.exec_driver_sql("SELECT pg_notify($1, '')", (channel,))
    else:
        await connection.exec_driver_sql(
            f"WITH along AS ({along}) SELECT pg_notify(${len(params) + 1}, '')", (*params, channel)
        )
    sent[channel] = current


def asyncpg_dsn(sqlalchemy_url: str) -> str:
    """The plain ``postgresql://`` DSN asyncpg wants, from a SQLAlchemy URL."""
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


async def create_database_if_missing(sqlalchemy_url: str) -> bool:
    """Create the URL's database on its server if it does not exist; True if it was created."""
    url = make_url(sqlalchemy_url)
    name = url.database
    if not name:
        raise ValueError("the database URL names no database")
    admin = asyncpg_dsn(url.set(database="postgres").render_as_string(hide_password=False))
    conn = await asyncpg.connect(admin)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if exists:
            return False
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        except asyncpg.DuplicateDatabaseError:
            return False  # created concurrently by another process
        return True
    finally:
        await conn.close()


async def drop_database(sqlalchemy_url: str) -> None:
    """Drop the URL's database, closing any connections still open to it."""
    url = make_url(sqlalchemy_url)
    admin = asyncpg_dsn(url.set(database="postgres").render_as_string(hide_password=False))
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
    finally:
        await conn.close()


def _alembic_config(sqlalchemy_url: str, migrations_dir: Path) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir))
    # Date-first file names, so a folder listing reads as the schema's history.
    cfg.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    cfg.attributes["url"] = sqlalchemy_url
    return cfg


def run_migrations(sqlalchemy_url: str, migrations_dir: Path, revision: str = "head") -> None:
    """Apply a service's Alembic migrations to its database (synchronous; call from a CLI).

    Each service's ``env.py`` reads the URL from ``config.attributes["url"]``.
    """
    from alembic import command

    command.upgrade(_alembic_config(sqlalchemy_url, migrations_dir), revision)


def make_migration(sqlalchemy_url: str, migrations_dir: Path, message: str) -> None:
    """Write a new migration by comparing the models with the (migrated) database."""
    from alembic import command

    command.revision(
        _alembic_config(sqlalchemy_url, migrations_dir), message=message, autogenerate=True
    )
