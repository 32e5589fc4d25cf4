"""The robust broker connection and the confirming publisher."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractRobustConnection

from ..errors import describe
from ..outages import Outage
from .topology import declare_exchange

log = logging.getLogger(__name__)

RECONNECT_SECONDS = 1.0
"""How often a lost connection is tried again: a refused connection costs nothing, and the
work resumes within a second of the broker's return (aio-pika's default is 5 s)."""
CONFIRM_TIMEOUT_SECONDS = 10.0
"""How long a publish waits for the broker's confirm before it counts as failed."""


class UnroutableMessage(Exception):
    """The broker had no queue to route a mandatory message to."""


class BrokerUnavailable(ConnectionError):
    """The connection to the broker is down (it is being re-established)."""


async def connect(url: str, *, name: str) -> AbstractRobustConnection:
    """A robust connection: it reconnects (every second) and restores channels, queues and
    consumers. Losing it is logged once at WARNING with the reason, and its return once at
    INFO, however many attempts it took (aio-pika's own lines about it are routine, see
    ``asb_shared.observability``)."""
    connection = await aio_pika.connect_robust(
        url, client_properties={"connection_name": name}, reconnect_interval=RECONNECT_SECONDS
    )
    link = Outage(f"{name}: broker connection lost; reconnecting", log)

    def lost(sender: Any, exc: BaseException | None = None, *_: Any) -> None:
        if not connection.close_called:
            link.failed(describe(exc) if exc is not None else "closed")

    connection.close_callbacks.add(lost)
    connection.reconnect_callbacks.add(lambda *_: link.ended())
    return connection


def broker_trouble(connection: AbstractRobustConnection | None) -> str | None:
    """Why ``connection`` cannot be used just now, or None when it can; for readiness."""
    if connection is None or connection.is_closed:
        return "not connected"
    if not connection.connected.is_set():
        return "connection lost; reconnecting"
    return None


class Publisher:
    """Publishes persistent messages with publisher confirms; unroutable is an error.

    aio-pika's defaults would make the opposite choices (transient messages, silently dropped
    returns), so every publish in the platform goes through here.
    """

    def __init__(self, connection: AbstractRobustConnection, exchange_name: str) -> None:
        self._connection = connection
        self._exchange_name = exchange_name
        self._channel: AbstractChannel | None = None
        self._exchange: AbstractExchange | None = None
        self._default: AbstractExchange | None = None
        self._lock = asyncio.Lock()

    def on_reconnect(self, callback: Callable[..., object]) -> None:
        """Call ``callback`` whenever the connection comes back after being lost."""
        self._connection.reconnect_callbacks.add(lambda *_: callback())

    async def _ready(self) -> tuple[AbstractExchange, AbstractExchange]:
        if not self._connection.connected.is_set():
            # Fail at once while the connection is being re-established, rather than open
            # a channel that cannot work; the caller tries again when it is back.
            raise BrokerUnavailable("the broker connection is being re-established")
        async with self._lock:
            if self._channel is None or self._channel.is_closed:
                self._channel = await self._connection.channel(
                    publisher_confirms=True, on_return_raises=True
                )
                self._exchange = await declare_exchange(self._channel, self._exchange_name)
                self._default = self._channel.default_exchange
            assert self._exchange is not None and self._default is not None
            return self._exchange, self._default

    async def publish(
        self,
        routing_key: str,
        body: bytes,
        *,
        message_id: str | None = None,
        message_type: str | None = None,
        headers: Mapping[str, Any] | None = None,
        to_queue: bool = False,
    ) -> None:
        """Publish and wait for the broker's confirm.

        With ``to_queue`` the message goes through the default exchange straight to the queue
        named by ``routing_key`` (retries, parking and replays address one service's queue).
        Raises :class:`UnroutableMessage` when nothing would receive it.
        """
        exchange, default = await self._ready()
        message = aio_pika.Message(
            body,
            content_type="application/json",
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            message_id=message_id,
            type=message_type,
            headers=dict(headers or {}),
        )
        try:
            await (default if to_queue else exchange).publish(
                message, routing_key=routing_key, mandatory=True, timeout=CONFIRM_TIMEOUT_SECONDS
            )
        except aio_pika.exceptions.PublishError as exc:
            raise UnroutableMessage(f"no queue is bound for {routing_key!r}") from exc

    async def close(self) -> None:
        if self._channel is not None and not self._channel.is_closed:
            await self._channel.close()
