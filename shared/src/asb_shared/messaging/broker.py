"""The robust broker connection and the confirming publisher."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractRobustConnection

from .topology import declare_exchange

log = logging.getLogger(__name__)


class UnroutableMessage(Exception):
    """The broker had no queue to route a mandatory message to."""


async def connect(url: str, *, name: str) -> AbstractRobustConnection:
    """A robust connection: it reconnects and restores channels, queues and consumers."""
    return await aio_pika.connect_robust(url, client_properties={"connection_name": name})


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

    async def _ready(self) -> tuple[AbstractExchange, AbstractExchange]:
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
                message, routing_key=routing_key, mandatory=True
            )
        except aio_pika.exceptions.PublishError as exc:
            raise UnroutableMessage(f"no queue is bound for {routing_key!r}") from exc

    async def close(self) -> None:
        if self._channel is not None and not self._channel.is_closed:
            await self._channel.close()
