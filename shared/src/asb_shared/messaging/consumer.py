"""The consumer loop: inbox de-duplication, handler and inbox in one transaction, then ack.

A message is acknowledged only after the transaction holding its effect has committed. A
duplicate (the same envelope id seen before by this consumer) is acknowledged and skipped. A
handler that raises sends the message to the next retry queue, where it waits out its delay and
expires back into the main queue; after the last delay it is parked. Never a tight requeue.

Deliveries that are already waiting when a transaction starts (up to ``batch_size``) share it:
one inbox insert, each handler in turn, one commit, then one ack for all of them where that is
safe (:class:`_Unsettled`), else each ack. If any handler in it fails,
the transaction is rolled back and every message is handled again in a transaction of its own,
so the failing one alone is retried and nothing is applied twice. A lone message is handled at
once: nothing waits for a batch to fill.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractRobustConnection
from aio_pika.exceptions import ChannelInvalidStateError
from prometheus_client import Counter, Histogram
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from .. import tracing
from ..db import Database, utcnow
from ..errors import describe
from ..loops import Backoff
from ..outages import Outage, database_unavailable
from ..usecase import UnitOfWork
from .broker import Publisher
from .envelope import (
    Envelope,
    Event,
    current_causation_id,
    current_correlation_id,
    current_traceparent,
)
from .outbox import Outbox
from .topology import ServiceQueues, declare_exchange, declare_service_queues

log = logging.getLogger(__name__)

CONSUMED = Counter(
    "asb_messages_consumed_total",
    "Messages consumed, by outcome (handled, duplicate, retried, parked, malformed, ignored)",
    ["service", "event_type", "outcome"],
)
CONSUMER_LAG = Histogram(
    "asb_consumer_lag_seconds",
    "From an event's occurrence to its handler's commit in this service",
    ["service"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0),
)

ATTEMPT_HEADER = "x-asb-attempt"
ERROR_HEADER = "x-asb-error"

E = TypeVar("E", bound=Event)

# Plain SQL: it runs for every message, and a Core statement costs more to build than to send.
_CLAIM = (
    "INSERT INTO inbox (event_id, consumer, event_type) VALUES ($1, $2, $3)"
    " ON CONFLICT DO NOTHING RETURNING event_id"
)
_CLAIM_MANY = (
    "INSERT INTO inbox (event_id, consumer, event_type)"
    " SELECT event_id, $2, event_type FROM unnest($1::uuid[], $3::text[]) AS m(event_id, event_type)"
    " ON CONFLICT DO NOTHING RETURNING event_id"
)


def _attempts(message: AbstractIncomingMessage) -> int:
    value = (message.headers or {}).get(ATTEMPT_HEADER, 0)
    return value if isinstance(value, int) else 0


class PermanentError(Exception):
    """Raised by a handler when retrying cannot help: the message is parked at once."""


Handler = Callable[[UnitOfWork, Any], Awaitable[None]]
"""An event handler: ``async def on_x(uow: UnitOfWork, event: X) -> None``. Besides its event it
gets a unit of work whose transaction also holds the inbox row, with the event as its cause
(``uow.envelope``), so what it emits is caused by it. Each service registers its handlers in one
place, ``<service>/events.py``."""

HandlerContext = UnitOfWork
"""The former name of a handler's unit of work, kept while code written with it is merged; new
code says ``UnitOfWork``."""


@dataclass
class _Route(Generic[E]):
    contract: type[E]
    handler: Handler


@dataclass(frozen=True)
class _Ready:
    """A delivery decoded and routed, ready for its handler."""

    message: AbstractIncomingMessage
    envelope: Envelope
    route: _Route[Any]
    event: Event
    arrived_in: Any = None
    """The trace context it was received in (None with tracing off)."""


@dataclass
class Handlers:
    """A service's handlers, one per event type and version."""

    routes: dict[tuple[str, int], _Route[Any]] = field(default_factory=dict)

    def on(self, contract: type[E]) -> Callable[[Handler], Handler]:
        """Decorator: register ``handler(ctx, event)`` for the contract's type and version."""

        def register(handler: Handler) -> Handler:
            key = (contract.event_type, contract.event_version)
            if key in self.routes:
                raise ValueError(f"a handler for {key} is already registered")
            self.routes[key] = _Route(contract, handler)
            return handler

        return register

    @property
    def event_types(self) -> set[str]:
        return {event_type for event_type, _ in self.routes}


T = TypeVar("T")


def _channel_of(message: AbstractIncomingMessage) -> object | None:
    """The channel a delivery came on (its tag means something there only); None if closed."""
    try:
        return message.channel
    except ChannelInvalidStateError:
        return None


@dataclass
class _Tags:
    """One channel's deliveries: the tags received and not yet acknowledged, how many were
    received, and the highest tag."""

    open: set[int] = field(default_factory=set)
    received: int = 0
    highest: int = 0


class _Unsettled:
    """The deliveries received on each channel and not yet acknowledged, by delivery tag.

    ``basic.ack`` with ``multiple`` acknowledges every delivery on the channel up to its tag,
    whoever holds it; so a batch is acknowledged by one ack only when every delivery still
    unsettled up to its highest tag is one of its own (not a delivery another worker holds,
    nor one still waiting to be taken), all came on one channel that is still open, and every
    tag up to it has been received here (a channel numbers its deliveries 1, 2, 3...: none is
    still on its way to this process).
    """

    def __init__(self) -> None:
        self._channels: dict[object, _Tags] = {}

    def received(self, message: AbstractIncomingMessage) -> None:
        channel = _channel_of(message)
        if channel is None or message.delivery_tag is None:
            return
        tags = self._channels.get(channel)
        if tags is None:
            # A new channel (the connection came back): the closed ones' tags mean nothing.
            self._channels = {c: t for c, t in self._channels.items() if not _closed(c)}
            tags = self._channels[channel] = _Tags()
        tags.open.add(message.delivery_tag)
        tags.received += 1
        tags.highest = max(tags.highest, message.delivery_tag)

    def settled(self, messages: Sequence[AbstractIncomingMessage]) -> None:
        for message in messages:
            tags = self._channels.get(_channel_of(message))
            if tags is not None and message.delivery_tag is not None:
                tags.open.discard(message.delivery_tag)

    def one_ack_settles(self, messages: Sequence[AbstractIncomingMessage]) -> bool:
        """Whether acknowledging the last of ``messages`` with ``multiple`` acknowledges them
        all and nothing else."""
        channels = {_channel_of(m) for m in messages}
        if len(channels) != 1 or None in channels:
            return False
        tags = self._channels.get(channels.pop())
        ours = {m.delivery_tag for m in messages}
        if tags is None or tags.received != tags.highest or not ours <= tags.open:
            return False  # one not received here, settled already, or still on its way
        last = max(t for t in ours if t is not None)
        return all(t in ours for t in tags.open if t <= last)


def _closed(channel: object) -> bool:
    return bool(getattr(channel, "is_closed", True))


async def _each(items: Sequence[T], step: Callable[[T], Awaitable[None]]) -> None:
    """Await ``step`` for every item, even when one fails (a closed channel, a broker that
    refuses a publish), so one message's trouble never leaves the others of its batch waiting
    unacknowledged; then raise the first failure."""
    failed: Exception | None = None
    for item in items:
        try:
            await step(item)
        except Exception as exc:
            failed = failed or exc
    if failed is not None:
        raise failed


class Consumer:
    """Consumes one service's queue and runs its handlers with exactly-once effect."""

    def __init__(
        self,
        *,
        service: str,
        db: Database,
        connection: AbstractRobustConnection,
        publisher: Publisher,
        handlers: Handlers,
        exchange_name: str,
        retry_delays_ms: list[int],
        prefetch: int = 32,
        delivery_limit: int = 20,
        batch_size: int = 16,
        concurrency: int = 4,
    ) -> None:
        self.service = service
        self.db = db
        self.connection = connection
        self.publisher = publisher
        self.handlers = handlers
        self.exchange_name = exchange_name
        self.queues = ServiceQueues(service, tuple(retry_delays_ms))
        self.prefetch = prefetch
        self.delivery_limit = delivery_limit
        self.batch_size = max(batch_size, 1)
        self.concurrency = max(concurrency, 1)
        self.outbox = Outbox(service)
        self._channel: AbstractChannel | None = None
        # Each delivery waiting for a worker, with the trace context it arrived in (None with
        # tracing off).
        self._waiting: asyncio.Queue[tuple[AbstractIncomingMessage, Any]] = asyncio.Queue()
        self._workers: list[asyncio.Task[None]] = []
        self._unsettled = _Unsettled()
        self._consumer_tag: str | None = None
        self._database = Outage(f"{service} consumer: database unavailable; holding messages", log)
        self._database_backoff = Backoff(0.25)
        # Test seam: awaited after the handler's transaction commits and before the ack.
        self.after_commit: Callable[[Envelope], Awaitable[None]] | None = None

    @property
    def running(self) -> bool:
        """True while the consumer holds an open channel with its consumer registered."""
        return (
            self._consumer_tag is not None
            and self._channel is not None
            and not self._channel.is_closed
        )

    async def start(self) -> None:
        """Declare the topology and start consuming."""
        self._channel = await self.connection.channel()
        await self._channel.set_qos(prefetch_count=self.prefetch)
        exchange = await declare_exchange(self._channel, self.exchange_name)
        queue = await declare_service_queues(
            self._channel,
            exchange,
            self.queues,
            self.handlers.event_types,
            delivery_limit=self.delivery_limit,
        )
        if not self._workers:
            self._workers = [
                asyncio.create_task(self._work(), name=f"{self.service} consumer {n}")
                for n in range(self.concurrency)
            ]
        self._consumer_tag = await queue.consume(self._receive)

    async def stop(self, timeout: float = 30.0) -> None:
        """Stop taking messages and let the ones in hand finish (graceful shutdown)."""
        if self._channel is not None and not self._channel.is_closed and self._consumer_tag:
            queue = await self._channel.get_queue(self.queues.main, ensure=False)
            await queue.cancel(self._consumer_tag)
        self._consumer_tag = None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._waiting.join(), timeout=timeout)
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []
        if self._channel is not None and not self._channel.is_closed:
            await self._channel.close()

    async def _receive(self, message: AbstractIncomingMessage) -> None:
        self._unsettled.received(message)
        self._waiting.put_nowait((message, tracing.received()))

    async def _ack(self, message: AbstractIncomingMessage) -> None:
        await message.ack()
        self._unsettled.settled([message])

    async def _work(self) -> None:
        """Take the deliveries already waiting (up to ``batch_size``) and handle them together.

        It never waits for a batch to fill: an idle consumer handles a lone message at once,
        and batches form by themselves when messages arrive faster than they are handled.
        """
        while True:
            batch = [await self._waiting.get()]
            while len(batch) < self.batch_size and not self._waiting.empty():
                batch.append(self._waiting.get_nowait())
            try:
                await self._handle_batch(batch)
            except Exception as exc:  # the channel closed under us, say: redelivered later
                log.warning(
                    "consumer could not finish %d message(s)",
                    len(batch),
                    extra={"error": describe(exc)},
                )
            finally:
                for _ in batch:
                    self._waiting.task_done()

    async def handle_batch(self, messages: Sequence[AbstractIncomingMessage]) -> None:
        """Handle several deliveries in one transaction, with one inbox insert and one commit.

        If any handler fails, the whole transaction is rolled back and each message is handled
        on its own (:meth:`handle`), so only the failing one is retried or parked and the
        others commit. Acks follow the commit, as for one message.
        """
        await self._handle_batch([(message, None) for message in messages])

    async def _handle_batch(
        self, deliveries: Sequence[tuple[AbstractIncomingMessage, Any]]
    ) -> None:
        if len(deliveries) == 1:
            ready_one = await self._prepare(*deliveries[0])
            if ready_one is not None:
                await self._finish(ready_one)
            return
        ready: list[_Ready] = []

        async def prepare(delivery: tuple[AbstractIncomingMessage, Any]) -> None:
            item = await self._prepare(*delivery)
            if item is not None:
                ready.append(item)

        await _each(deliveries, prepare)
        if len(ready) <= 1:
            await _each(ready, self._finish)
            return
        try:
            duplicates = await self._apply_batch(ready)
        except Exception as exc:
            log.info(
                "a batch of %d failed; handling its messages one by one",
                len(ready),
                extra={"error": describe(exc)},
            )
            await _each(ready, self._finish)
            return
        await self._acknowledge_together(list(zip(ready, duplicates, strict=True)))

    async def handle(self, message: AbstractIncomingMessage) -> None:
        """Process one delivery: decode, de-duplicate, handle, commit, ack."""
        ready = await self._prepare(message)
        if ready is not None:
            await self._finish(ready)

    async def _prepare(
        self, message: AbstractIncomingMessage, arrived_in: Any = None
    ) -> _Ready | None:
        """Decode and route a delivery; None when it was dealt with here (parked, ignored)."""
        try:
            envelope = Envelope.model_validate_json(message.body)
        except ValidationError as exc:
            await self._park(message, f"not a valid envelope: {exc}")
            CONSUMED.labels(self.service, message.type or "?", "malformed").inc()
            return None
        route = self.handlers.routes.get((envelope.type, envelope.version))
        if route is None and envelope.type in self.handlers.event_types:
            # A version of an event this service handles, but not this one (a producer moved on
            # before its consumers): kept for replay once a handler exists, never dropped.
            await self._park(message, f"no handler for {envelope.type} version {envelope.version}")
            CONSUMED.labels(self.service, envelope.type, "parked").inc()
            return None
        if route is None:
            # An event type no longer handled here: nothing to do.
            log.info("no handler; acknowledged", extra={"event_type": envelope.type})
            await self._ack(message)
            CONSUMED.labels(self.service, envelope.type, "ignored").inc()
            return None
        try:
            event = route.contract.model_validate(envelope.data)
        except ValidationError as exc:
            await self._park(message, f"the data does not fit {route.contract.__name__}: {exc}")
            CONSUMED.labels(self.service, envelope.type, "parked").inc()
            return None
        return _Ready(message, envelope, route, event, arrived_in)

    @property
    def trouble(self) -> str | None:
        """Why the consumer is waiting instead of handling messages (its database is out of
        reach), or None; for readiness."""
        return self._database.cause

    async def _finish(self, item: _Ready) -> None:
        """Handle one prepared delivery in a transaction of its own, then ack, retry or park.

        While the database cannot be reached the delivery is held (unacknowledged) and tried
        again every moment (at most 2 s apart): an outage is not the message's fault, so it
        spends none of its retries and is never parked for it, and it goes through as soon as
        the database is back. The outage is logged once, not once per message.
        """
        message, envelope = item.message, item.envelope
        try:
            duplicate = await self._apply_when_reachable(item)
        except PermanentError as exc:
            await self._park(message, f"{type(exc).__name__}: {exc}")
            CONSUMED.labels(self.service, envelope.type, "parked").inc()
            return
        except Exception as exc:
            log.warning(
                "handler for %s failed: %s",
                envelope.type,
                describe(exc),
                extra={"event_id": str(envelope.id)},
            )
            outcome = await self._retry_or_park(message, exc)
            CONSUMED.labels(self.service, envelope.type, outcome).inc()
            return
        await self._acknowledge(item, duplicate)

    async def _acknowledge(self, item: _Ready, duplicate: bool) -> None:
        """After the commit: the ack, and the count."""
        if self.after_commit is not None:
            await self.after_commit(item.envelope)
        await self._ack(item.message)
        self._count(item, duplicate)

    async def _acknowledge_together(self, done: Sequence[tuple[_Ready, bool]]) -> None:
        """After a batch's commit: one ack for all its deliveries where it settles exactly
        them (:class:`_Unsettled`), else one each; and the counts."""
        messages = [item.message for item, _ in done]
        if not self._unsettled.one_ack_settles(messages):
            await _each(done, lambda one: self._acknowledge(one[0], one[1]))
            return
        if self.after_commit is not None:
            for item, _ in done:
                await self.after_commit(item.envelope)
        last = max(messages, key=lambda m: m.delivery_tag or 0)
        await last.ack(multiple=True)
        self._unsettled.settled(messages)
        for item, duplicate in done:
            self._count(item, duplicate)

    def _count(self, item: _Ready, duplicate: bool) -> None:
        outcome = "duplicate" if duplicate else "handled"
        CONSUMED.labels(self.service, item.envelope.type, outcome).inc()
        if not duplicate:
            waited = (utcnow() - item.envelope.occurred_at).total_seconds()
            CONSUMER_LAG.labels(self.service).observe(max(waited, 0.0))

    async def _run_handler(self, session: AsyncSession, item: _Ready) -> None:
        """Run one message's handler in ``session``'s transaction, the message as its cause."""
        envelope = item.envelope
        current_correlation_id.set(envelope.correlation_id)
        current_traceparent.set(envelope.traceparent)
        current_causation_id.set(envelope.id)
        with tracing.consuming(envelope, self.queues.main, item.arrived_in):
            await item.route.handler(UnitOfWork(session, self.outbox, cause=envelope), item.event)

    async def _apply_when_reachable(self, item: _Ready) -> bool:
        while True:
            try:
                duplicate = await self._apply(item)
            except Exception as exc:
                if not database_unavailable(exc):
                    raise
                self._database.failed(describe(exc))
                await asyncio.sleep(self._database_backoff.failed())
                continue
            self._database.ended()
            self._database_backoff.succeeded()
            return duplicate

    async def _apply(self, item: _Ready) -> bool:
        """Run the handler and record the inbox row in one transaction; True if a duplicate."""
        envelope = item.envelope
        async with self.db.transaction() as session:
            connection = await session.connection()
            claimed = await connection.exec_driver_sql(
                _CLAIM, (envelope.id, self.service, envelope.type)
            )
            if claimed.first() is None:
                return True
            await self._run_handler(session, item)
            return False

    async def _apply_batch(self, items: Sequence[_Ready]) -> list[bool]:
        """Run every handler and record every inbox row in one transaction; for each message,
        True if it was a duplicate (seen before, or earlier in the same batch)."""
        async with self.db.transaction() as session:
            connection = await session.connection()
            claimed = {
                row[0]
                for row in await connection.exec_driver_sql(
                    _CLAIM_MANY,
                    (
                        [i.envelope.id for i in items],
                        self.service,
                        [i.envelope.type for i in items],
                    ),
                )
            }
            duplicates = []
            for n, item in enumerate(items):
                first = item.envelope.id in claimed
                claimed.discard(item.envelope.id)
                duplicates.append(not first)
                if not first:
                    continue
                if n:
                    # Each handler starts as it would in a transaction of its own: what the
                    # one before wrote is in the database, not in the session's identity map.
                    await session.flush()
                    session.expunge_all()
                await self._run_handler(session, item)
        return duplicates

    async def _retry_or_park(self, message: AbstractIncomingMessage, exc: Exception) -> str:
        attempt = _attempts(message) + 1
        if attempt > len(self.queues.retry_delays_ms):
            await self._park(message, describe(exc), attempts=attempt)
            return "parked"
        await self._forward(
            message,
            self.queues.retry(attempt),
            {ATTEMPT_HEADER: attempt, ERROR_HEADER: describe(exc)},
        )
        return "retried"

    async def _park(self, message: AbstractIncomingMessage, reason: str, attempts: int = 1) -> None:
        log.error(
            "message parked", extra={"message_id": message.message_id, "reason": reason[:500]}
        )
        await self._forward(
            message,
            self.queues.parked,
            {
                ATTEMPT_HEADER: attempts,
                ERROR_HEADER: reason[:1000],
                "x-asb-parked-at": utcnow().isoformat(),
                "x-asb-routing-key": message.routing_key or "",
            },
        )

    async def _forward(
        self, message: AbstractIncomingMessage, queue: str, headers: dict[str, Any]
    ) -> None:
        """Copy the message to another of this service's queues, confirmed, then ack it.

        If this dies between the two, the original is redelivered and the inbox keeps the
        effect single.
        """
        await self.publisher.publish(
            queue,
            message.body,
            message_id=message.message_id,
            message_type=message.type,
            headers={**(message.headers or {}), **headers},
            to_queue=True,
        )
        await self._ack(message)
