"""The transactional outbox: events are written with the change that caused them, then relayed.

A request never publishes: it adds the event to the outbox table in its own transaction and
``pg_notify`` wakes the relay once that transaction commits. The relay claims pending rows with
``FOR UPDATE SKIP LOCKED`` (so several relays may run), publishes them as persistent messages
with publisher confirms, and marks them published in the same transaction that claimed them.
If the relay dies after publishing but before committing, the rows are published again and the
consumers' inbox makes the second copy harmless.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from prometheus_client import Counter, Histogram
from sqlalchemy import delete, func, update
from sqlalchemy.ext.asyncio import AsyncSession

from .. import tracing
from ..db import Database, notify_once, uuid7
from ..errors import describe
from ..loops import NotifiedLoop
from .broker import Publisher, UnroutableMessage
from .envelope import Envelope, Event, current_causation_id, current_correlation_id
from .tables import OUTBOX_CHANNEL, inbox, outbox

log = logging.getLogger(__name__)

OUTBOX_PUBLISHED = Counter(
    "asb_outbox_published_total", "Events relayed to the broker", ["service"]
)
OUTBOX_FAILED = Counter("asb_outbox_failed_total", "Relay attempts that failed", ["service"])
RELAY_LAG = Histogram(
    "asb_relay_lag_seconds",
    "From an event's commit to the outbox to its publication by the relay",
    ["service"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0),
)


class PublishFailed(RuntimeError):
    """Some of a batch could not be published (the broker is down?); the rows stay pending."""


_ADD = "INSERT INTO outbox (id, routing_key, payload) VALUES ($1, $2, $3)"
# The relay's statements, as plain SQL for the same reason.
_CLAIM = (
    "SELECT id, routing_key, payload, extract(epoch FROM now() - created_at) AS waited FROM outbox"
    " WHERE published_at IS NULL AND next_attempt_at <= now()"
    " ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED"
)
# Marking rows published need not wait for the disk: if the mark is lost in a crash, the rows
# are published again and the consumers' inbox skips the copies. So the mark also turns off
# the commit's flush wait for its transaction (SET LOCAL, without a round trip of its own).
_MARK = (
    "UPDATE outbox SET published_at = now()"
    " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait"
    " WHERE id = ANY($1::uuid[])"
)


class Outbox:
    """Adds events to the outbox inside the caller's transaction."""

    def __init__(self, producer: str) -> None:
        self.producer = producer

    def envelope(
        self,
        event: Event,
        *,
        organisation_id: uuid.UUID,
        correlation_id: uuid.UUID | None = None,
        causation_id: uuid.UUID | None = None,
    ) -> Envelope:
        """Wrap an event, taking correlation and trace from the work in hand if not given."""
        return Envelope(
            type=event.event_type,
            version=event.event_version,
            producer=self.producer,
            organisation_id=organisation_id,
            correlation_id=correlation_id or current_correlation_id.get() or uuid7(),
            causation_id=causation_id or current_causation_id.get(),
            traceparent=tracing.traceparent(),
            data=event.model_dump(mode="json"),
        )

    async def add(
        self,
        session: AsyncSession,
        event: Event,
        *,
        organisation_id: uuid.UUID,
        correlation_id: uuid.UUID | None = None,
        causation_id: uuid.UUID | None = None,
    ) -> Envelope:
        """Write the event to the outbox in ``session``'s transaction and return its envelope."""
        env = self.envelope(
            event,
            organisation_id=organisation_id,
            correlation_id=correlation_id,
            causation_id=causation_id,
        )
        # Plain SQL on the session's connection (so in its transaction): this runs for every
        # event, and building and caching a Core statement cost more than the round trip. The
        # relay's wake-up goes with the transaction's first event, in the same round trip.
        await notify_once(
            session, OUTBOX_CHANNEL, along=_ADD, params=(env.id, env.type, env.model_dump_json())
        )
        return env


class OutboxRelay:
    """Publishes pending outbox rows to the broker, woken by LISTEN/NOTIFY or a poll."""

    def __init__(
        self,
        db: Database,
        publisher: Publisher,
        *,
        service: str,
        batch_size: int = 200,
        poll_seconds: float = 1.0,
        keep_published: timedelta = timedelta(days=7),
        keep_inbox: timedelta = timedelta(days=30),
        purge_every: timedelta = timedelta(hours=1),
    ) -> None:
        self.db = db
        self.publisher = publisher
        self.service = service
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.keep_published = keep_published
        self.keep_inbox = keep_inbox
        self.purge_every = purge_every
        self._next_purge = 0.0
        self._loop: NotifiedLoop | None = None
        # Test seam: awaited after a batch is published and before it is marked, so a test
        # can kill the relay at the worst moment.
        self.after_publish: Callable[[Sequence[uuid.UUID]], Awaitable[None]] | None = None

    async def relay_once(self) -> int:
        """Claim, publish and mark one batch; returns how many rows it took (published or not)."""
        async with self.db.transaction() as session:
            connection = await session.connection()
            rows = (await connection.exec_driver_sql(_CLAIM, (self.batch_size,))).all()
            if not rows:
                return 0
            results = await asyncio.gather(
                *(
                    tracing.in_trace_of(
                        row.payload,
                        self.publisher.publish(
                            row.routing_key,
                            row.payload.encode(),
                            message_id=str(row.id),
                            message_type=row.routing_key,
                        ),
                    )
                    for row in rows
                ),
                return_exceptions=True,
            )
            done = [row.id for row, res in zip(rows, results, strict=True) if res is None]
            failed = [
                (row.id, res) for row, res in zip(rows, results, strict=True) if res is not None
            ]
            # An unroutable event is that event's own problem: it steps aside (1 s, 2 s, 4 s...
            # at most 5 min) so that it never blocks the rows behind it. Any other failure is
            # the broker's (down, closing, not confirming): the rows keep their turn and go
            # out as soon as it is back, however long it was away.
            unroutable = [(i, e) for i, e in failed if isinstance(e, UnroutableMessage)]
            troubles = [e for _, e in failed if not isinstance(e, UnroutableMessage)]
            if self.after_publish is not None:
                await self.after_publish(done)
            if done:
                await connection.exec_driver_sql(_MARK, (done,))
            for row_id, exc in unroutable:
                log.warning(
                    "outbox publish failed", extra={"event_id": str(row_id), "error": describe(exc)}
                )
                await session.execute(
                    update(outbox)
                    .where(outbox.c.id == row_id)
                    .values(
                        attempts=outbox.c.attempts + 1,
                        last_error=describe(exc),
                        next_attempt_at=func.now()
                        + func.make_interval(
                            0, 0, 0, 0, 0, 0, func.least(func.power(2, outbox.c.attempts), 300)
                        ),
                    )
                )
        OUTBOX_PUBLISHED.labels(self.service).inc(len(done))
        published = set(done)
        lag = RELAY_LAG.labels(self.service)
        for row in rows:
            if row.id in published:
                lag.observe(max(float(row.waited), 0.0))
        if failed:
            OUTBOX_FAILED.labels(self.service).inc(len(failed))
        if troubles or (failed and not done):
            # The broker is down, or nothing got through: the loop backs off (briefly) and
            # reports the trouble once (see asb_shared.loops); readiness says so meanwhile.
            first = troubles[0] if troubles else failed[0][1]
            raise PublishFailed(
                f"{len(failed)} outbox event(s) could not be published: {describe(first)}"
            ) from first
        return len(done) + len(failed)

    async def purge(self) -> tuple[int, int]:
        """Delete outbox rows published, and inbox rows recorded, longer ago than kept.

        Returns (outbox rows, inbox rows) deleted. Inbox rows are kept far longer than any
        redelivery could arrive, so de-duplication does not depend on them for ever.
        """
        async with self.db.transaction() as session:
            published = await session.execute(
                delete(outbox).where(outbox.c.published_at < func.now() - self.keep_published)
            )
            seen = await session.execute(
                delete(inbox).where(inbox.c.processed_at < func.now() - self.keep_inbox)
            )
        return int(published.rowcount or 0), int(seen.rowcount or 0)  # type: ignore[attr-defined]

    async def _relay_and_tidy(self) -> int:
        relayed = await self.relay_once()
        if time.monotonic() >= self._next_purge:
            self._next_purge = time.monotonic() + self.purge_every.total_seconds()
            await self.purge()
        return relayed

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until ``stop`` is set: woken by NOTIFY, polling as a safety net, and woken at
        once when the broker connection comes back (so a backlog goes out without waiting)."""
        self._loop = NotifiedLoop(
            self.db.url,
            OUTBOX_CHANNEL,
            self._relay_and_tidy,
            name=f"{self.service} outbox relay",
            batch_size=self.batch_size,
            poll_seconds=self.poll_seconds,
        )
        self.publisher.on_reconnect(self._loop.wake)
        await self._loop.run(stop)

    @property
    def running(self) -> bool:
        return self._loop is not None and self._loop.running

    @property
    def trouble(self) -> str | None:
        """Why the relay cannot do its work just now (cannot publish, cannot reach its
        database), or None while it can; for readiness."""
        return self._loop.failing if self._loop is not None else None
