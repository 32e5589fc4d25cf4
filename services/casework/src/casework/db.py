"""Casework's one metadata: every feature's tables are declared on :class:`Base`.

Alembic (``migrations/env.py``) and the migration-versus-models test read it through
:mod:`casework.models`, which imports every feature's tables.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata, uuid7
from sqlalchemy import DateTime, ForeignKey, Table, Uuid, func, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()


def primary_key() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid7)


def organisation() -> Mapped[uuid.UUID]:
    """The landlord a row belongs to, indexed: every query is scoped by it."""
    return mapped_column(Uuid, index=True)


def created_now() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


class CaseRecord:
    """A record kept on one case (a contact, a plan, an intervention...): its id, its case and
    the case's landlord."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)


def table_of(model: type[Base]) -> Table:
    """A model's table, for Core statements (cheaper than the ORM where nothing is read back)."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


def lock_key(text_key: str) -> int:
    """A stable signed 64-bit number for ``text_key``, for PostgreSQL's advisory locks."""
    digest = hashlib.blake2b(text_key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


_LOCKS = text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS BIGINT[])) AS k")
"""Every key's lock in one round trip, taken in the array's order (a function scan reads an
array in order, row by row)."""

_HELD = "casework_locks_held"


async def hold_locks(session: AsyncSession, keys: Iterable[str]) -> None:
    """Hold an advisory lock on each key until the transaction ends (commit or rollback).

    Taken in one sorted order, in one statement, so two transactions wanting overlapping keys
    queue up instead of deadlocking. Under READ COMMITTED the statements after the wait see
    what the transaction that held the lock committed. A key this transaction holds already is
    not asked for again (a use case can take all its locks at once, before the steps that
    would each take theirs).
    """
    current = session.get_nested_transaction() or session.get_transaction()
    held: dict[int, Any] = session.info.setdefault(_HELD, {})
    root = session.get_transaction()
    wanted = sorted(
        k
        for k in {lock_key(k) for k in keys}
        if held.get(k) is None or held[k] not in (current, root)
    )
    if not wanted:
        return
    await session.execute(_LOCKS, {"keys": wanted})
    for key in wanted:
        held[key] = current
