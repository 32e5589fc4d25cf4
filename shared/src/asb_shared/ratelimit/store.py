"""Rate limit counts kept in the service's own PostgreSQL database, shared by its processes.

One row per key (``reports:203.0.113.9``, ``token-client:…``). Counting a request is one short
transaction: an upsert that locks the key's row and returns its state with the database's
clock (one clock for every process and machine), the pure rule of
:mod:`asb_shared.ratelimit.sliding_log`, and the update. Requests for the same key wait for
each other for that long; other keys are not held up. A row holds the instants of the requests
counted in the last window (float seconds on the database's clock), at most the limit of them.

The table is ``UNLOGGED``: counts are not worth a write-ahead log, and after a crash (or a
fail-over) every count starts again from nothing, which only forgives. Rows whose newest
instant has slid out of the window are forgotten by :func:`purge_past_windows` (a missing row
is an empty count).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Float, MetaData, String, Table, text
from sqlalchemy.dialects.postgresql import ARRAY

from ..db import Database, new_metadata
from .sliding_log import Decision, Rate, hit

TABLE = "rate_limits"
KEY_LENGTH = 200


def rate_limit_table(metadata: MetaData) -> Table:
    """The counts table, declared on a service's metadata (its models) by a service that
    limits requests; its one definition is here."""
    return Table(
        TABLE,
        metadata,
        Column("key", String(KEY_LENGTH), primary_key=True),
        # The instants counted in the last window, oldest first.
        Column("instants", ARRAY(Float(53)), nullable=False),
        Column("forget_at", Float(53), nullable=False, index=True),
        prefixes=["UNLOGGED"],
    )


def create_rate_limit_table() -> None:
    """Create the table in a service's migration."""
    from alembic import op

    rate_limit_table(new_metadata()).create(op.get_bind())


def drop_rate_limit_table() -> None:
    from alembic import op

    rate_limit_table(new_metadata()).drop(op.get_bind())


_LOCK = text(
    f"""
    INSERT INTO {TABLE} AS b (key, instants, forget_at)
    VALUES (:key, '{{}}', 0)
    ON CONFLICT (key) DO UPDATE SET key = b.key
    RETURNING b.instants, extract(epoch FROM clock_timestamp())::float8
    """
)
_SAVE = text(f"UPDATE {TABLE} SET instants = :instants, forget_at = :forget_at WHERE key = :key")
_PURGE = text(f"DELETE FROM {TABLE} WHERE forget_at < extract(epoch FROM clock_timestamp())")


class RateLimiter:
    """Request counts in the service's database: the same limits whatever the number of
    processes (each API process of a service counts in the same rows)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def hit(self, key: str, rate: Rate) -> Decision:
        """Count a request against ``key``, or refuse it: the decision says which, and how
        long to wait."""
        key = key[:KEY_LENGTH]
        async with self.db.transaction() as session:
            instants, now = (await session.execute(_LOCK, {"key": key})).one()
            # A new row holds no instants: an empty count.
            decision = hit(rate, instants, now)
            if decision.allowed:
                values: dict[str, Any] = {
                    "key": key,
                    "instants": list(decision.kept),
                    "forget_at": decision.forget_at,
                }
                await session.execute(_SAVE, values)
        return decision


async def purge_past_windows(db: Database) -> int:
    """Forget the counts whose instants have all slid out of their window; returns how many."""
    async with db.transaction() as session:
        result = await session.execute(_PURGE)
    return int(getattr(result, "rowcount", 0) or 0)
