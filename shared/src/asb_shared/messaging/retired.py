"""Retired event versions, and the check that none can still arrive.

A breaking change to a contract is a new version; the producer publishes only the new one from
its next release, and its consumers keep a handler of the old one until no event of it can still
reach them: none unsent in a producer's outbox, none waiting in a consumer's queue or its retry
queues, none parked. Only then may the old contract and its handlers go (docs/RUNBOOK.md,
"Retiring an event version"). A version removed too early is not lost: the consumer parks an
event no handler takes, for an operator to look at.

``<service> retired`` runs :func:`remaining` for one service and exits 1 while anything remains.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from aio_pika.abc import AbstractRobustConnection
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from .topology import ServiceQueues

RETIRED: frozenset[tuple[str, int]] = frozenset(
    {
        ("intake.report.received", 1),
        ("casework.case.opened", 1),
        ("casework.report.linked", 1),
        ("casework.case.closed", 1),
    }
)
"""(event type, version) of every retired contract: version 1 of these four carried a person's
contact wishes as free text (version 2 carries them as data) and was retired in December 2026."""

Version = tuple[str, int]


@dataclass
class Remaining:
    """What of the retired versions one service still holds."""

    outbox: Counter[Version] = field(default_factory=Counter)
    """Unsent rows in the service's outbox (a producer's)."""
    queued: Counter[Version] = field(default_factory=Counter)
    """In the service's retry queues or parked (a consumer's)."""
    waiting: int = 0
    """Messages ready in the service's main queue, of any version: it cannot be read without
    taking them from the consumer, so the check asks for it to be empty."""

    @property
    def clear(self) -> bool:
        return not +self.outbox and not +self.queued and self.waiting == 0

    def lines(self) -> list[str]:
        """What remains, one line a place and version, for the operator."""
        found = [
            f"{where}: {count} {event_type} version {version}"
            for where, counts in (("outbox", self.outbox), ("queued or parked", self.queued))
            for (event_type, version), count in sorted(counts.items())
            if count
        ]
        if self.waiting:
            found.append(f"main queue: {self.waiting} message(s) waiting, of any version")
        return found


def retired_version(body: bytes | str, retired: frozenset[Version] = RETIRED) -> Version | None:
    """The retired (type, version) of an envelope, or None (another version, or not an envelope)."""
    try:
        envelope = json.loads(body)
        key = (str(envelope["type"]), int(envelope.get("version", 1)))
    except (ValueError, TypeError, KeyError):
        return None
    return key if key in retired else None


async def unsent_in_outbox(
    engine: AsyncEngine, retired: frozenset[Version] = RETIRED
) -> Counter[Version]:
    """The retired versions among the outbox's unsent rows, counted."""
    types = sorted({event_type for event_type, _ in retired})
    found: Counter[Version] = Counter()
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT payload FROM outbox"
                " WHERE published_at IS NULL AND routing_key = ANY(:types)"
            ),
            {"types": types},
        )
        for (payload,) in rows:
            key = retired_version(payload, retired)
            if key is not None:
                found[key] += 1
    return found


async def held_in_queues(
    connection: AbstractRobustConnection,
    service: str,
    retry_count: int,
    retired: frozenset[Version] = RETIRED,
) -> tuple[Counter[Version], int]:
    """The retired versions in the service's retry queues and parked queue, counted (each
    message is looked at and left in place, in order), and how many messages wait in its main
    queue."""
    queues = ServiceQueues(service, ())
    found: Counter[Version] = Counter()
    names = [queues.retry(attempt) for attempt in range(1, retry_count + 1)] + [queues.parked]
    for name in names:
        channel = await connection.channel()
        try:
            queue = await channel.declare_queue(name, passive=True)
            for _ in range(queue.declaration_result.message_count or 0):
                message = await queue.get(fail=False, no_ack=False)
                if message is None:
                    break
                key = retired_version(message.body, retired)
                if key is not None:
                    found[key] += 1
        finally:
            # Closing the channel returns every message looked at to its queue, in order.
            await channel.close()
    channel = await connection.channel()
    try:
        main = await channel.declare_queue(queues.main, passive=True)
        waiting = int(main.declaration_result.message_count or 0)
    finally:
        await channel.close()
    return found, waiting


async def remaining(
    engine: AsyncEngine,
    connection: AbstractRobustConnection,
    service: str,
    retry_count: int,
    retired: frozenset[Version] = RETIRED,
) -> Remaining:
    """What of the retired versions ``service`` still holds in its outbox and its queues."""
    outbox = await unsent_in_outbox(engine, retired)
    queued, waiting = await held_in_queues(connection, service, retry_count, retired)
    return Remaining(outbox=outbox, queued=queued, waiting=waiting)
