"""Once-a-second samples of connections, outbox backlogs and queue depths."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import aio_pika

from .common import PREFIX, QUEUES
from .probes import pg_fetch, pg_query

ANALYZE_EVERY = 15.0
ANALYZED = ("intake", "casework", "notifications")
"""The databases whose connections the bench holds (:data:`probes.HELD`)."""


class Sampler:
    """Once a second: PostgreSQL connections, outbox backlogs, queued messages, queue depths.

    It queries over the :data:`HELD` connections (one to ``postgres`` and one to each of intake,
    casework and notifications), which are opened before the system starts.
    """

    def __init__(self, amqp_url: str) -> None:
        self.amqp_url = amqp_url
        self.samples: list[dict[str, Any]] = []
        self.phase = ""
        self._task: asyncio.Task[None] | None = None
        self._amqp: aio_pika.abc.AbstractConnection | None = None
        self._next_analyze = 0.0

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def _queue_depths(self) -> dict[str, int]:
        """Messages ready in each service's main queue (a passive declare tells).

        A plain connection and a fresh channel each time: a robust channel remembers the
        queues declared on it, and answered the first count again and again.
        """
        if self._amqp is None or self._amqp.is_closed:
            self._amqp = await aio_pika.connect(
                self.amqp_url, client_properties={"connection_name": "bench-sampler"}
            )
        depths: dict[str, int] = {}
        channel = await self._amqp.channel()
        try:
            for name in QUEUES:
                try:
                    q = await channel.declare_queue(name, passive=True)
                    depths[name] = int(q.declaration_result.message_count or 0)
                except Exception:  # a missing queue closes the channel
                    channel = await self._amqp.channel()
        finally:
            with contextlib.suppress(Exception):
                await channel.close()
        return depths

    async def sample(self) -> dict[str, Any]:
        row = await pg_query(
            "postgres",
            "SELECT count(*) FILTER (WHERE datname LIKE $1) AS bench,"
            " count(*) FILTER (WHERE backend_type = 'client backend') AS clients,"
            " count(*) FILTER (WHERE datname LIKE $1 AND state = 'active') AS active,"
            " count(*) FILTER (WHERE datname LIKE $1 AND wait_event_type = 'Lock') AS lock_waits,"
            " count(*) FILTER (WHERE datname LIKE $1 AND state = 'idle in transaction')"
            " AS idle_in_tx,"
            " current_setting('max_connections')::int AS max_connections"
            " FROM pg_stat_activity",
            f"{PREFIX}_%",
        )
        s: dict[str, Any] = {
            "t": round(time.time(), 2),
            "phase": self.phase,
            "pg_connections_bench": row["bench"],
            "pg_connections_all": row["clients"],
            "pg_max_connections": row["max_connections"],
            "pg_active": row["active"],
            "pg_lock_waits": row["lock_waits"],
            "pg_idle_in_transaction": row["idle_in_tx"],
        }
        # What the bench's active backends are doing (waiting on), right now.
        s["pg_active_by_wait"] = {
            r[0]: r[1]
            for r in await pg_fetch(
                "postgres",
                "SELECT coalesce(wait_event_type || ':' || wait_event, 'running'), count(*)"
                " FROM pg_stat_activity WHERE datname LIKE $1 AND state = 'active'"
                " AND pid <> pg_backend_pid() GROUP BY 1",
                f"{PREFIX}_%",
            )
        }
        for service in ("intake", "casework", "notifications"):
            s[f"outbox_pending_{service}"] = (
                await pg_query(
                    f"{PREFIX}_{service}", "SELECT count(*) FROM outbox WHERE published_at IS NULL"
                )
            )[0]
        s["messages_queued"] = (
            await pg_query(
                f"{PREFIX}_notifications",
                "SELECT count(*) FROM messages WHERE status IN ('created', 'sending')",
            )
        )[0]
        s["queues"] = await self._queue_depths()
        return s

    async def _analyze_if_due(self) -> None:
        """Fresh planner statistics every :data:`ANALYZE_EVERY` seconds, as autovacuum keeps
        them in a deployment. A PostgreSQL run with ``autovacuum = off`` (this machine's is)
        would otherwise plan on the empty tables of the start for the whole run: nested loops
        over seq scans, whose cost grows with every report, which no deployment sees."""
        if time.monotonic() < self._next_analyze:
            return
        self._next_analyze = time.monotonic() + ANALYZE_EVERY
        for database in ANALYZED:
            await pg_fetch(f"{PREFIX}_{database}", "ANALYZE")

    async def _run(self) -> None:
        while True:
            started = time.monotonic()
            try:
                try:
                    await self._analyze_if_due()
                except Exception as exc:  # a sample is still worth taking
                    self.samples.append({"t": time.time(), "phase": self.phase, "error": repr(exc)})
                self.samples.append(await self.sample())
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a sample missed is not worth stopping the run for
                self.samples.append({"t": time.time(), "phase": self.phase, "error": repr(exc)})
            await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - started)))

    def peaks(self, phase: str) -> dict[str, Any]:
        rows = [s for s in self.samples if s.get("phase") == phase and "error" not in s]
        if not rows:
            return {}
        out: dict[str, Any] = {}
        for key in rows[0]:
            if key in ("t", "phase", "queues", "pg_active_by_wait"):
                continue
            out[key] = max(r[key] for r in rows)
        for name in QUEUES:
            out[f"queue_{name}"] = max(r["queues"].get(name, 0) for r in rows)
        waits: dict[str, int] = {}
        for r in rows:
            for k, v in r.get("pg_active_by_wait", {}).items():
                waits[k] = waits.get(k, 0) + v
        out["pg_active_backend_samples_by_wait"] = dict(
            sorted(waits.items(), key=lambda kv: -kv[1])
        )
        out["failed_samples"] = sum(
            1 for s in self.samples if s.get("phase") == phase and "error" in s
        )
        return out

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._amqp is not None:
            with contextlib.suppress(Exception):
                await self._amqp.close()
