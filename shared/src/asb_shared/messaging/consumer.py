"""The consumer loop: inbox de-duplication, handler and inbox in one transaction, then ack.

A message is acknowledged only after the transaction holding its effect has committed. A
duplicate (the same envelope id seen before by this consumer) is acknowledged and skipped. A
handler that raises sends the message to the next retry queue, where it waits out its delay and
expires back into the main queue; after the last delay it is parked. Never a tight requeue.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractRobustConnection
from prometheus_client import Counter
from pydantic import ValidationError

from ..db import Database, utcnow
from ..errors import describe
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
    "asb_messages_consumed_total", "Messages consumed", ["service", "event_type", "outcome"]
)

ATTEMPT_HEADER = "x-asb-attempt"
ERROR_HEADER = "x-asb-error"

E = TypeVar("E", bound=Event)

# Plain SQL: it runs for every message, and a Core statement costs more to build than to send.
_CLAIM = (
    "INSERT INTO inbox (event_id, consumer, event_type) VALUES ($1, $2, $3)"
    " ON CONFLICT DO NOTHING RETURNING event_id"
)


def _attempts(message: AbstractIncomingMessage) -> int:
    value = (message.headers or {}).get(ATTEMPT_HEADER, 0)
    return value if isinstance(value, int) else 0


class PermanentError(Exception):
    """Raised by a handler when retrying cannot help: the message is parked at once."""


HandlerContext = UnitOfWork
"""What a handler gets besides its event: a unit of work whose transaction also holds the inbox
row, with the event as its cause (``ctx.envelope``), so what it emits is caused by it."""


Handler = Callable[[HandlerContext, Any], Awaitable[None]]


@dataclass
class _Route(Generic[E]):
    contract: type[E]
    handler: Handler


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
        self.outbox = Outbox(service)
        self._channel: AbstractChannel | None = None
        self._in_flight: set[asyncio.Task[None]] = set()
        self._consumer_tag: str | None = None
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
        self._consumer_tag = await queue.consume(self._track)

    async def stop(self, timeout: float = 30.0) -> None:
        """Stop taking messages and let the ones in hand finish (graceful shutdown)."""
        if self._channel is not None and not self._channel.is_closed and self._consumer_tag:
            queue = await self._channel.get_queue(self.queues.main, ensure=False)
            await queue.cancel(self._consumer_tag)
        self._consumer_tag = None
        if self._in_flight:
            await asyncio.wait(self._in_flight, timeout=timeout)
        if self._channel is not None and not self._channel.is_closed:
            await self._channel.close()

    async def _track(self, message: AbstractIncomingMessage) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            await self.handle(message)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def handle(self, message: AbstractIncomingMessage) -> None:
        """Process one delivery: decode, de-duplicate, handle, commit, ack."""
        try:
            envelope = Envelope.model_validate_json(message.body)
        except ValidationError as exc:
            await self._park(message, f"not a valid envelope: {exc}")
            CONSUMED.labels(self.service, message.type or "?", "malformed").inc()
            return
        route = self.handlers.routes.get((envelope.type, envelope.version))
        if route is None and envelope.type in self.handlers.event_types:
            # A version of an event this service handles, but not this one (a producer moved on
            # before its consumers): kept for replay once a handler exists, never dropped.
            await self._park(message, f"no handler for {envelope.type} version {envelope.version}")
            CONSUMED.labels(self.service, envelope.type, "parked").inc()
            return
        if route is None:
            # An event type no longer handled here: nothing to do.
            log.info("no handler; acknowledged", extra={"event_type": envelope.type})
            await message.ack()
            CONSUMED.labels(self.service, envelope.type, "ignored").inc()
            return
        current_correlation_id.set(envelope.correlation_id)
        current_traceparent.set(envelope.traceparent)
        current_causation_id.set(envelope.id)
        try:
            event = route.contract.model_validate(envelope.data)
        except ValidationError as exc:
            await self._park(message, f"the data does not fit {route.contract.__name__}: {exc}")
            CONSUMED.labels(self.service, envelope.type, "parked").inc()
            return
        try:
            duplicate = await self._apply(envelope, route, event)
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
        if self.after_commit is not None:
            await self.after_commit(envelope)
        await message.ack()
        CONSUMED.labels(self.service, envelope.type, "duplicate" if duplicate else "handled").inc()

    async def _apply(self, envelope: Envelope, route: _Route[Any], event: Event) -> bool:
        """Run the handler and record the inbox row in one transaction; True if a duplicate."""
        async with self.db.transaction() as session:
            connection = await session.connection()
            claimed = await connection.exec_driver_sql(
                _CLAIM, (envelope.id, self.service, envelope.type)
            )
            if claimed.first() is None:
                return True
            await route.handler(UnitOfWork(session, self.outbox, cause=envelope), event)
            return False

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
        await message.ack()
