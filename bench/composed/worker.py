"""The composed pipeline's workers, one role per process::

    python bench/composed/worker.py relay   relays outbox_a (the API's events)
    python bench/composed/worker.py b       consumes the API's events (inbox row, a row, an
                                            outbox row, NOTIFY; commit, ack), relays outbox_b
    python bench/composed/worker.py c       consumes stage b's events: inbox row, the e-mail
                                            sent to the mail sink over SMTP, commit, ack

Environment: ``DATABASE_URL``, ``AMQP_URL``, ``HEALTH_PORT`` (answers 200 once running),
``SMTP_HOST``/``SMTP_PORT`` (role c), ``DATABASE_POOL_SIZE`` (8, as the services). SIGTERM stops it: no new messages, those in hand finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import uuid
from email.message import EmailMessage
from pathlib import Path

import aio_pika
import aiosmtplib
import asyncpg

if not __package__:  # run as a file: make the repository's packages importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.composed.schema import (
    ACK_SUBJECT,
    CHANNEL_A,
    CHANNEL_B,
    KEY_B,
    QUEUE_B,
    QUEUE_C,
    declare,
    dsn,
    health_server,
)

BATCH = 200
PREFETCH = 32


class Relay:
    """Publishes an outbox table's pending rows with confirms, then marks them published.

    Claims a batch with ``FOR UPDATE SKIP LOCKED`` (so any number of relays may run), publishes
    every row of it and waits for the broker's confirms, then marks them in the same
    transaction. Woken by NOTIFY, polling every second as a safety net.
    """

    def __init__(
        self,
        pool: asyncpg.Pool,
        exchange: aio_pika.abc.AbstractExchange,
        table: str,
        channel: str,
    ) -> None:
        self.pool, self.exchange, self.table, self.channel = pool, exchange, table, channel
        self.wake = asyncio.Event()
        self.claim = (
            f"SELECT id, message_id, routing_key, payload FROM {table}"
            f" WHERE published_at IS NULL ORDER BY id LIMIT {BATCH} FOR UPDATE SKIP LOCKED"
        )
        self.mark = f"UPDATE {table} SET published_at = now() WHERE id = ANY($1::bigint[])"

    async def once(self) -> int:
        async with self.pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(self.claim)
            if not rows:
                return 0
            await asyncio.gather(
                *(
                    self.exchange.publish(
                        aio_pika.Message(
                            r["payload"],
                            message_id=str(r["message_id"]),
                            content_type="application/json",
                            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                        ),
                        routing_key=r["routing_key"],
                    )
                    for r in rows
                )
            )
            await conn.execute(self.mark, [r["id"] for r in rows])
        return len(rows)

    async def run(self, stop: asyncio.Event) -> None:
        listener = await asyncpg.connect(dsn())
        await listener.add_listener(self.channel, lambda *_: self.wake.set())
        try:
            while not stop.is_set():
                self.wake.clear()
                try:
                    while await self.once() >= BATCH:
                        pass
                except (OSError, asyncpg.PostgresError, aio_pika.exceptions.AMQPError) as exc:
                    print(f"relay {self.table}: {exc!r}", file=sys.stderr, flush=True)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wake.wait(), 1.0)
        finally:
            await listener.close()


STAGE_B = (
    "WITH seen AS (INSERT INTO inbox_b (message_id) VALUES ($1) ON CONFLICT DO NOTHING"
    " RETURNING 1),"
    " item AS (INSERT INTO b_items (id, reference) SELECT $2, $3 FROM seen),"
    " event AS (INSERT INTO outbox_b (message_id, routing_key, payload)"
    " SELECT $4, $5, $6 FROM seen)"
    f" SELECT pg_notify('{CHANNEL_B}', '') FROM seen"
)
"""Stage b's whole transaction in one statement: nothing is written for a message seen before."""


async def stage_b(pool: asyncpg.Pool, message: aio_pika.abc.AbstractIncomingMessage) -> None:
    event = json.loads(message.body)
    payload = json.dumps(event).encode()
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute(
            STAGE_B,
            uuid.UUID(message.message_id),
            uuid.uuid4(),
            event["reference"],
            uuid.uuid4(),
            KEY_B,
            payload,
        )


async def stage_c(
    pool: asyncpg.Pool, message: aio_pika.abc.AbstractIncomingMessage, host: str, port: int
) -> None:
    event = json.loads(message.body)
    async with pool.acquire() as conn, conn.transaction():
        new = await conn.fetchval(
            "INSERT INTO inbox_c (message_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1",
            uuid.UUID(message.message_id),
        )
        if new is None:
            return  # sent already: a redelivery
        email = EmailMessage()
        email["From"] = "no-reply@composed.example"
        email["To"] = event["email"]
        email["Subject"] = ACK_SUBJECT + event["reference"]
        email["Message-ID"] = f"<{message.message_id}@composed.example>"
        email.set_content(f"We have received your report {event['reference']}.")
        await aiosmtplib.send(email, hostname=host, port=port, timeout=30)
        # Committed once the sink has the mail; a crash before the commit sends it again with
        # the same Message-ID (at least once, like the services' dispatcher).


async def consume(
    channel: aio_pika.abc.AbstractChannel,
    queue_name: str,
    handle: object,
    stop: asyncio.Event,
) -> None:
    queue = await channel.get_queue(queue_name)
    in_hand: set[asyncio.Task[None]] = set()

    async def one(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        try:
            await handle(message)  # type: ignore[operator]
        except Exception as exc:
            print(f"{queue_name}: {exc!r}", file=sys.stderr, flush=True)
            await message.nack(requeue=True)
            return
        await message.ack()  # after the commit

    async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        task = asyncio.create_task(one(message))
        in_hand.add(task)
        task.add_done_callback(in_hand.discard)

    tag = await queue.consume(on_message)
    await stop.wait()
    await queue.cancel(tag)
    if in_hand:
        await asyncio.wait(in_hand, timeout=20)


async def main(role: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    pool_size = int(os.environ.get("DATABASE_POOL_SIZE", "8"))  # as the services'
    pool = await asyncpg.create_pool(dsn(), min_size=1, max_size=pool_size)
    connection = await aio_pika.connect_robust(
        os.environ["AMQP_URL"], client_properties={"connection_name": f"composed-{role}"}
    )
    publishing = await connection.channel(publisher_confirms=True)
    exchange = await declare(publishing)
    consuming = await connection.channel()
    await consuming.set_qos(prefetch_count=PREFETCH)
    tasks = []
    if role == "relay":
        tasks.append(Relay(pool, exchange, "outbox_a", CHANNEL_A).run(stop))
    elif role == "b":
        tasks.append(Relay(pool, exchange, "outbox_b", CHANNEL_B).run(stop))
        tasks.append(consume(consuming, QUEUE_B, lambda m: stage_b(pool, m), stop))
    elif role == "c":
        host, port = os.environ.get("SMTP_HOST", "127.0.0.1"), int(os.environ["SMTP_PORT"])
        tasks.append(consume(consuming, QUEUE_C, lambda m: stage_c(pool, m, host, port), stop))
    else:
        raise SystemExit(f"unknown role {role!r}: relay, b or c")
    health = await health_server(int(os.environ["HEALTH_PORT"]))
    try:
        await asyncio.gather(*tasks)
    finally:
        health.close()
        await connection.close()
        await pool.close()


if __name__ == "__main__":
    from bench.journey.common import run_async  # on uvloop, as uvicorn runs the API

    run_async(main(sys.argv[1]))
