"""Listing and replaying a service's parked messages (the operator command)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aio_pika.abc import AbstractRobustConnection

from .broker import Publisher
from .consumer import ATTEMPT_HEADER, ERROR_HEADER
from .topology import ServiceQueues


@dataclass
class ParkedMessage:
    """One parked message as an operator sees it."""

    message_id: str | None
    event_type: str | None
    attempts: int
    error: str
    parked_at: str | None
    body: dict[str, Any] | str


def _describe(
    body: bytes, headers: dict[str, Any], message_id: str | None, type_: str | None
) -> ParkedMessage:
    try:
        decoded: dict[str, Any] | str = json.loads(body)
    except ValueError:
        decoded = body.decode(errors="replace")
    return ParkedMessage(
        message_id=message_id,
        event_type=type_,
        attempts=int(headers.get(ATTEMPT_HEADER, 0) or 0),
        error=str(headers.get(ERROR_HEADER, "")),
        parked_at=str(headers["x-asb-parked-at"]) if "x-asb-parked-at" in headers else None,
        body=decoded,
    )


async def list_parked(connection: AbstractRobustConnection, service: str) -> list[ParkedMessage]:
    """Every message parked for ``service``, oldest first, left in place."""
    queues = ServiceQueues(service, ())
    channel = await connection.channel()
    try:
        queue = await channel.declare_queue(queues.parked, passive=True)
        found: list[ParkedMessage] = []
        for _ in range(queue.declaration_result.message_count or 0):
            message = await queue.get(fail=False, no_ack=False)
            if message is None:
                break
            found.append(
                _describe(
                    message.body, dict(message.headers or {}), message.message_id, message.type
                )
            )
        # Closing the channel returns every unacknowledged message to the queue, in order.
        return found
    finally:
        await channel.close()


async def replay_parked(
    connection: AbstractRobustConnection,
    publisher: Publisher,
    service: str,
    message_id: str | None = None,
) -> int:
    """Send parked messages (all, or the one with ``message_id``) back to the service's queue.

    The attempt count starts again from zero. Returns how many were replayed.
    """
    queues = ServiceQueues(service, ())
    channel = await connection.channel()
    replayed = 0
    try:
        queue = await channel.declare_queue(queues.parked, passive=True)
        # Only what is parked now: a replayed message that fails again is parked behind these
        # and must not be picked up by this same run.
        for _ in range(queue.declaration_result.message_count or 0):
            message = await queue.get(fail=False, no_ack=False)
            if message is None:
                break
            if message_id is not None and message.message_id != message_id:
                continue  # left unacknowledged: returns to the queue when the channel closes
            headers = {
                k: v for k, v in (message.headers or {}).items() if not k.startswith("x-asb-")
            }
            await publisher.publish(
                queues.main,
                message.body,
                message_id=message.message_id,
                message_type=message.type,
                headers=headers,
                to_queue=True,
            )
            await message.ack()
            replayed += 1
        return replayed
    finally:
        await channel.close()
