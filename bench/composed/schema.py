"""The composed pipeline's tables, exchange and queues, and what its processes share."""

from __future__ import annotations

import asyncio
import contextlib
import os

import aio_pika
import asyncpg

EXCHANGE = "composed.events"
QUEUE_B = "composed.b"
QUEUE_C = "composed.c"
KEY_A = "composed.a.added"  # the report received
KEY_B = "composed.b.added"  # the case opened
CHANNEL_A = "composed_outbox_a"
CHANNEL_B = "composed_outbox_b"
ACK_SUBJECT = "We have received your report "

SCHEMA = """
CREATE TABLE IF NOT EXISTS a_items (
    id uuid PRIMARY KEY,
    reference text NOT NULL UNIQUE,
    organisation_id uuid NOT NULL,
    description text NOT NULL,
    email text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS b_items (
    id uuid PRIMARY KEY,
    reference text NOT NULL UNIQUE,
    opened_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS outbox_a (
    id bigserial PRIMARY KEY,
    message_id uuid NOT NULL,
    routing_key text NOT NULL,
    payload bytea NOT NULL,
    published_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_a_pending ON outbox_a (id) WHERE published_at IS NULL;
CREATE TABLE IF NOT EXISTS outbox_b (LIKE outbox_a INCLUDING ALL);
CREATE TABLE IF NOT EXISTS inbox_b (
    message_id uuid PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS inbox_c (
    message_id uuid PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now()
);
"""


def dsn() -> str:
    """The pipeline's database (a plain PostgreSQL DSN, for asyncpg)."""
    return os.environ["DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")


async def create_schema(url: str) -> None:
    """The tables, in the (empty) database at ``url``."""
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await conn.execute(SCHEMA)
    finally:
        await conn.close()


async def declare(channel: aio_pika.abc.AbstractChannel) -> aio_pika.abc.AbstractExchange:
    """The exchange and the two stages' queues (quorum, durable, like the services')."""
    exchange = await channel.declare_exchange(EXCHANGE, aio_pika.ExchangeType.TOPIC, durable=True)
    for queue, key in ((QUEUE_B, KEY_A), (QUEUE_C, KEY_B)):
        q = await channel.declare_queue(queue, durable=True, arguments={"x-queue-type": "quorum"})
        await q.bind(exchange, key)
    return exchange


async def health_server(port: int) -> asyncio.Server:
    """``GET`` anything on 127.0.0.1:``port`` answers 200: the process is up (bench readiness)."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            await reader.readuntil(b"\r\n\r\n")
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
            await writer.drain()
        writer.close()

    return await asyncio.start_server(answer, "127.0.0.1", port)
