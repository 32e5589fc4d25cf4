"""The exchange and each consuming service's queues.

One durable topic exchange carries every domain event, routed by its type. Each consuming
service has:

- ``<service>``: its durable quorum queue, bound to the event types it handles;
- ``<service>.retry.<n>``: one holding queue per retry delay, whose messages expire back into
  the main queue (TTL + dead-lettering, so no timer runs in the consumer);
- ``<service>.parked``: where a message lands after its last retry, until an operator
  replays it. Classic, so that listing it (get then requeue) keeps its order and no
  delivery limit ever drops a parked message.

Quorum-queue arguments are set explicitly: RabbitMQ 3.10 (Debian's) has no default delivery
limit while 4.x defaults to 20 and drops rather than dead-letters without a target.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractQueue


@dataclass(frozen=True)
class ServiceQueues:
    """The queue names of one consuming service."""

    service: str
    retry_delays_ms: tuple[int, ...]

    @property
    def main(self) -> str:
        return self.service

    @property
    def parked(self) -> str:
        return f"{self.service}.parked"

    def retry(self, attempt: int) -> str:
        """The holding queue for the given retry (1-based)."""
        return f"{self.service}.retry.{attempt}"


async def declare_exchange(channel: AbstractChannel, name: str) -> AbstractExchange:
    """Declare the durable topic exchange that carries every domain event."""
    return await channel.declare_exchange(name, aio_pika.ExchangeType.TOPIC, durable=True)


async def declare_service_queues(
    channel: AbstractChannel,
    exchange: AbstractExchange,
    queues: ServiceQueues,
    event_types: Iterable[str],
    *,
    delivery_limit: int,
) -> AbstractQueue:
    """Declare a service's main, retry and parked queues and bind the main one; returns it."""
    await channel.declare_queue(queues.parked, durable=True, arguments={"x-queue-type": "classic"})
    main = await channel.declare_queue(
        queues.main,
        durable=True,
        arguments={
            "x-queue-type": "quorum",
            "x-delivery-limit": delivery_limit,
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": queues.parked,
        },
    )
    for attempt, delay in enumerate(queues.retry_delays_ms, start=1):
        await channel.declare_queue(
            queues.retry(attempt),
            durable=True,
            arguments={
                "x-queue-type": "classic",
                "x-message-ttl": delay,
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": queues.main,
            },
        )
    for event_type in sorted(set(event_types)):
        await main.bind(exchange, routing_key=event_type)
    return main
