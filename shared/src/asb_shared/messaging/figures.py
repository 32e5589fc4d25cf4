"""What a worker tells an operator about its messaging, measured when ``/metrics`` is scraped.

Counters and histograms (published, failed, consumed by outcome, relay and consumer lag) are
counted where things happen (:mod:`.outbox`, :mod:`.consumer`). The figures here are states:
how many outbox rows wait and how old the oldest is (from the service's database), and how many
messages wait in each of the service's queues and how many consumers each has (a passive
declare: nothing is created, a missing queue is simply not reported). They are read at scrape
time, so they are as fresh as the scrape; a figure that cannot be read (the database or the
broker is away) keeps its last value and the failure is counted, never raised to the scraper.

Every worker process of a service reports the same outbox and queue figures: alert on their
``max by (service)``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from aio_pika.abc import AbstractRobustConnection
from prometheus_client import Counter, Gauge
from sqlalchemy import text

from ..db import Database
from ..errors import describe
from .topology import ServiceQueues

log = logging.getLogger(__name__)

OUTBOX_PENDING = Gauge(
    "asb_outbox_pending", "Outbox rows not yet published to the broker", ["service"]
)
OUTBOX_OLDEST_PENDING_AGE = Gauge(
    "asb_outbox_oldest_pending_age_seconds",
    "How long the oldest outbox row not yet published has waited (0 when none waits)",
    ["service"],
)
QUEUE_MESSAGES = Gauge(
    "asb_queue_messages",
    "Messages ready in one of the service's queues (kind: main, retry or parked)",
    ["service", "queue", "kind"],
)
QUEUE_CONSUMERS = Gauge(
    "asb_queue_consumers",
    "Consumers attached to one of the service's queues",
    ["service", "queue", "kind"],
)
CONSUMER_RUNNING = Gauge(
    "asb_consumer_running",
    "1 while this worker's consumer holds its channel and is registered on its queue",
    ["service"],
)
FIGURES_FAILED = Counter(
    "asb_metrics_refresh_failed_total",
    "Scrapes at which a figure could not be read (database or broker away)",
    ["service", "source"],
)

_OUTBOX_FIGURES = text(
    "SELECT count(*) AS pending,"
    " coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest"
    " FROM outbox WHERE published_at IS NULL"
)

Refresh = Callable[[Database], Awaitable[None]]
"""A service's own figures read at scrape time from its database (paused webhook endpoints)."""


@dataclass
class WorkerFigures:
    """Reads one worker's messaging figures into the gauges above when asked (at scrape)."""

    service: str
    db: Database
    connection: AbstractRobustConnection
    queues: ServiceQueues | None
    """The service's queues; None for a service that consumes nothing."""
    consumer_running: Callable[[], bool] = lambda: False
    own: Sequence[Refresh] = field(default_factory=tuple)
    timeout: float = 3.0

    async def refresh(self) -> None:
        """Read every figure, each source on its own: one that fails leaves the others."""
        CONSUMER_RUNNING.labels(self.service).set(1 if self.consumer_running() else 0)
        await self._guarded("database", self._outbox())
        if self.queues is not None:
            await self._guarded("broker", self._queue_depths(self.queues))
        for refresh in self.own:
            await self._guarded("service", refresh(self.db))

    async def _guarded(self, source: str, work: Awaitable[None]) -> None:
        try:
            await asyncio.wait_for(work, timeout=self.timeout)
        except Exception as exc:
            FIGURES_FAILED.labels(self.service, source).inc()
            log.debug("a %s figure could not be read: %s", source, describe(exc))

    async def _outbox(self) -> None:
        async with self.db.sessions() as session:
            row = (await session.execute(_OUTBOX_FIGURES)).one()
        OUTBOX_PENDING.labels(self.service).set(int(row.pending))
        OUTBOX_OLDEST_PENDING_AGE.labels(self.service).set(float(row.oldest))

    async def _queue_depths(self, queues: ServiceQueues) -> None:
        named = [(queues.main, "main"), (queues.parked, "parked")]
        named += [(queues.retry(n), "retry") for n in range(1, len(queues.retry_delays_ms) + 1)]
        channel = await self.connection.channel()
        try:
            for name, kind in named:
                declared = (await channel.declare_queue(name, passive=True)).declaration_result
                QUEUE_MESSAGES.labels(self.service, name, kind).set(declared.message_count or 0)
                QUEUE_CONSUMERS.labels(self.service, name, kind).set(declared.consumer_count or 0)
        finally:
            if not channel.is_closed:
                await channel.close()
