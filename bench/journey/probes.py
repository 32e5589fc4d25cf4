"""What the bench reads from the running system: the mail sink, PostgreSQL, and where
the time went, stage by stage, from the services' own timestamps."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import asyncpg
from asb_shared.db import asyncpg_dsn

from .client import HttpConn, HttpError, get_request
from .common import ACK_SUBJECT, POSTGRES, PREFIX, iso_to_epoch, summary_ms

if TYPE_CHECKING:  # load imports this module
    from .load import Sent

# --------------------------------------------------------------------------------------------
# The mail sink, read incrementally


class MailWatcher:
    """Polls the sink's ``/api/messages?since_id=N`` and remembers acknowledgements by reference."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.conn = HttpConn(host, port)
        self.since = 0
        self.acks: dict[str, float] = {}  # reference -> received_at (epoch) of the first one
        self.copies: dict[str, int] = {}
        self.other = 0

    async def poll(self) -> int:
        status, body = await self.conn.request(
            get_request(self.host, self.port, f"/api/messages?since_id={self.since}")
        )
        if status != 200:
            raise HttpError(f"mail sink answered {status}")
        found = json.loads(body)
        for m in found:
            self.since = max(self.since, int(m["id"]))
            subject = m["subject"]
            if subject.startswith(ACK_SUBJECT):
                ref = subject[len(ACK_SUBJECT) :].strip()
                self.copies[ref] = self.copies.get(ref, 0) + 1
                self.acks.setdefault(ref, iso_to_epoch(m["received_at"]))
            else:
                self.other += 1
        return len(found)

    async def wait_for(
        self, references: Iterable[str], timeout: float, interval: float = 0.5
    ) -> bool:
        wanted = set(references)
        deadline = time.monotonic() + timeout
        while True:
            await self.poll()
            if wanted.issubset(self.acks.keys()):
                return True
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(interval)

    def close(self) -> None:
        self.conn.close()


# --------------------------------------------------------------------------------------------
# Once-a-second samples of connections, outbox backlogs and queue depths


async def pg_connect(database: str, patience: float = 60.0) -> asyncpg.Connection:
    """A connection for the bench's own queries, retried while the server is full.

    The system under load can take every connection PostgreSQL allows (100 by default); the
    bench then waits for a free one rather than failing the run.
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            return await asyncpg.connect(asyncpg_dsn(f"{POSTGRES}/{database}"), timeout=5)
        except (asyncpg.TooManyConnectionsError, asyncpg.CannotConnectNowError):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


class HeldConnections:
    """The bench's own PostgreSQL connections, opened BEFORE the system starts.

    Each service's pool may grow to ``DATABASE_POOL_SIZE`` connections and keeps them, so under
    load the system can fill PostgreSQL's ``max_connections``; a connection opened later by
    the bench would then be refused. These few are held from the start (and counted in the
    printed connection figures) so that sampling and the final queries always work.
    """

    def __init__(self) -> None:
        self.conns: dict[str, asyncpg.Connection] = {}
        self.locks: dict[str, asyncio.Lock] = {}

    async def open(self, databases: Iterable[str]) -> None:
        for name in databases:
            self.conns[name] = await pg_connect(name)
            self.locks[name] = asyncio.Lock()

    async def close(self) -> None:
        for conn in self.conns.values():
            with contextlib.suppress(Exception):
                await conn.close()
        self.conns.clear()


HELD = HeldConnections()


async def pg_fetch(database: str, sql: str, *args: Any) -> list[Any]:
    """Rows of one query: on a held connection if there is one, else a short-lived one."""
    if database in HELD.conns:
        async with HELD.locks[database]:
            if HELD.conns[database].is_closed():  # ended from outside: take another
                HELD.conns[database] = await pg_connect(database)
            return list(await HELD.conns[database].fetch(sql, *args))
    conn = await pg_connect(database, patience=10.0)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


async def pg_query(database: str, sql: str, *args: Any) -> Any:
    """The first row of one query."""
    rows = await pg_fetch(database, sql, *args)
    return rows[0] if rows else None


async def pg_sessions() -> dict[str, int]:
    """Connections ever opened to each bench database (pg_stat_database.sessions); {} if unknown."""
    try:
        rows = await pg_fetch(
            "postgres",
            "SELECT datname, sessions FROM pg_stat_database WHERE datname LIKE $1",
            f"{PREFIX}_%",
        )
    except Exception:
        return {}
    return {r["datname"][len(PREFIX) + 1 :]: int(r["sessions"] or 0) for r in rows}


def sessions_delta(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    if not before or not after:
        return {}
    return {k: v - before.get(k, 0) for k, v in after.items() if v - before.get(k, 0)}


# Where the time went: each stage of the journey from the services' own timestamps


STAGES = [
    ("sent", "intake_tx", "POST sent -> intake transaction began"),
    ("intake_tx", "answered", "intake tx began -> 201 back at client"),
    ("intake_tx", "intake_relayed", "intake tx began -> intake relay claimed the event"),
    ("intake_relayed", "case_tx", "intake relay -> casework consumer tx began"),
    ("case_tx", "case_relayed", "casework tx began -> casework relay claimed"),
    ("case_relayed", "notif_tx", "casework relay -> notifications consumer tx began"),
    ("notif_tx", "mail", "notifications tx began -> mail sink received"),
    ("sent", "mail", "total: POST sent -> mail sink received"),
]


async def stage_breakdown(records: list[Sent], acks: dict[str, float]) -> dict[str, Any]:
    """Join each report's timestamps across the three databases and the mail sink."""
    refs = [r.reference for r in records if r.reference]
    t: dict[str, dict[str, float]] = {
        r.reference: {"sent": r.sent, "answered": r.answered} for r in records if r.reference
    }
    for ref, at in acks.items():
        if ref in t:
            t[ref]["mail"] = at

    async def fetch(db: str, sql: str, key: str) -> None:
        for row in await pg_fetch(f"{PREFIX}_{db}", sql, refs):
            if row[0] in t and row[1] is not None:
                t[row[0]][key] = float(row[1])

    await fetch(
        "intake",
        "SELECT reference, extract(epoch FROM received_at) FROM reports WHERE reference = ANY($1)",
        "intake_tx",
    )
    await fetch(
        "intake",
        "SELECT payload::jsonb->'data'->>'reference' AS ref, extract(epoch FROM published_at)"
        " FROM outbox WHERE routing_key = 'intake.report.received'"
        " AND payload::jsonb->'data'->>'reference' = ANY($1)",
        "intake_relayed",
    )
    await fetch(
        "casework",
        "SELECT cr.report_reference, extract(epoch FROM c.opened_at)"
        " FROM case_reports cr JOIN cases c ON c.id = cr.case_id"
        " WHERE cr.report_reference = ANY($1)",
        "case_tx",
    )
    await fetch(
        "casework",
        "SELECT payload::jsonb->'data'->>'report_reference', extract(epoch FROM published_at)"
        " FROM outbox WHERE routing_key = 'casework.case.opened'"
        " AND payload::jsonb->'data'->>'report_reference' = ANY($1)",
        "case_relayed",
    )
    await fetch(
        "notifications",
        "SELECT reference, extract(epoch FROM created_at) FROM messages"
        " WHERE reference = ANY($1) AND kind = 'report_acknowledgement'",
        "notif_tx",
    )
    out: dict[str, Any] = {}
    for a, b, label in STAGES:
        deltas = [v[b] - v[a] for v in t.values() if a in v and b in v]
        out[label] = summary_ms(deltas)
    return out
