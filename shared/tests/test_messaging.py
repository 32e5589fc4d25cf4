"""The messaging guarantees, on the real PostgreSQL and RabbitMQ.

A small test service with one table of effects stands in for a real one: its handler records
one row per event it handles, so "exactly-once effect" is a row count.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
from aio_pika.abc import AbstractRobustConnection
from asb_shared.db import Database, create_database_if_missing, new_metadata
from asb_shared.messaging import Envelope, Event, Outbox, OutboxRelay
from asb_shared.messaging.broker import Publisher, UnroutableMessage, connect
from asb_shared.messaging.consumer import Consumer, Handlers
from asb_shared.messaging.outbox import PublishFailed
from asb_shared.messaging.parked import list_parked, replay_parked
from asb_shared.messaging.tables import inbox, messaging_metadata, outbox
from asb_shared.testing import TestEnvironment, eventually
from asb_shared.usecase import UnitOfWork
from sqlalchemy import Column, String, Table, Uuid, func, insert, select, text

EXCHANGE = "asb.events"
effects_metadata = new_metadata()
effects = Table(
    "effects",
    effects_metadata,
    Column("id", Uuid, primary_key=True),
    Column("key", String(100), nullable=False),
)


class ThingHappened(Event):
    event_type = "test.thing.happened"

    key: str


@dataclass
class Harness:
    """One test service: its database, broker connection, publisher, outbox and handler."""

    db: Database
    connection: AbstractRobustConnection
    publisher: Publisher
    service: str
    attempts: list[float] = field(default_factory=list)
    failing: bool = False
    failing_keys: set[str] = field(default_factory=set)
    organisation_id: uuid.UUID = field(default_factory=uuid.uuid4)

    def handlers(self) -> Handlers:
        handlers = Handlers()

        @handlers.on(ThingHappened)
        async def handle(uow: UnitOfWork, event: ThingHappened) -> None:
            self.attempts.append(time.monotonic())
            if self.failing or event.key in self.failing_keys:
                raise RuntimeError("the handler is broken")
            await uow.session.execute(insert(effects).values(id=uuid.uuid4(), key=event.key))

        return handlers

    def consumer(self) -> Consumer:
        return Consumer(
            service=self.service,
            db=self.db,
            connection=self.connection,
            publisher=self.publisher,
            handlers=self.handlers(),
            exchange_name=EXCHANGE,
            retry_delays_ms=[200, 400, 800],
            prefetch=10,
        )

    def relay(self) -> OutboxRelay:
        return OutboxRelay(self.db, self.publisher, service=self.service, poll_seconds=0.2)

    async def emit(self, key: str) -> Envelope:
        async with self.db.transaction() as session:
            return await Outbox(self.service).add(
                session, ThingHappened(key=key), organisation_id=self.organisation_id
            )

    async def effect_count(self, key: str) -> int:
        async with self.db.sessions() as session:
            return int(
                await session.scalar(
                    select(func.count()).select_from(effects).where(effects.c.key == key)
                )
                or 0
            )

    async def pending_outbox(self) -> int:
        async with self.db.sessions() as session:
            return int(
                await session.scalar(
                    select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
                )
                or 0
            )

    async def queue_depth(self, name: str) -> int:
        channel = await self.connection.channel()
        try:
            queue = await channel.declare_queue(name, passive=True)
            return int(queue.declaration_result.message_count or 0)
        finally:
            await channel.close()


@pytest.fixture
async def harness(test_env: TestEnvironment) -> AsyncIterator[Harness]:
    service = f"svc{uuid.uuid4().hex[:8]}"
    url = test_env.database_url(service)
    await create_database_if_missing(url)
    db = Database(url)
    async with db.engine.begin() as conn:
        await conn.run_sync(messaging_metadata.create_all)
        await conn.run_sync(effects_metadata.create_all)
    connection = await connect(test_env.amqp_url, name=service)
    publisher = Publisher(connection, EXCHANGE)
    try:
        yield Harness(db, connection, publisher, service)
    finally:
        await publisher.close()
        await connection.close()
        await db.dispose()


async def test_publisher_fails_loudly_on_an_unroutable_message(harness: Harness) -> None:
    with pytest.raises(UnroutableMessage, match=r"nobody\.listens"):
        await harness.publisher.publish("nobody.listens", b"{}")


async def test_relay_keeps_an_unroutable_event_pending_with_its_error(harness: Harness) -> None:
    await harness.emit("no consumer yet")
    with pytest.raises(RuntimeError, match="could not be published"):
        await harness.relay().relay_once()
    async with harness.db.sessions() as session:
        row = (
            await session.execute(
                select(outbox.c.attempts, outbox.c.last_error, outbox.c.published_at)
            )
        ).one()
    assert row.attempts == 1
    assert row.published_at is None
    assert "UnroutableMessage" in row.last_error


async def test_an_event_is_relayed_and_handled_once(harness: Harness) -> None:
    consumer = harness.consumer()
    await consumer.start()
    stop = asyncio.Event()
    relay = harness.relay()
    task = asyncio.create_task(relay.run(stop))
    try:
        env = await harness.emit("hello")
        await eventually(lambda: harness.effect_count("hello"))

        async def marked() -> bool:
            # The relay marks the row in the transaction that claimed it, which may commit
            # after the consumer has already handled the message.
            return await harness.pending_outbox() == 0

        await eventually(marked)
        async with harness.db.sessions() as session:
            seen = (
                (await session.execute(select(inbox.c.consumer).where(inbox.c.event_id == env.id)))
                .scalars()
                .all()
            )
        assert seen == [harness.service]
    finally:
        stop.set()
        await task
        await consumer.stop()


async def test_event_is_not_lost_when_the_relay_dies_after_publishing(harness: Harness) -> None:
    """Killed between publish and marking: published again, and the inbox keeps one effect."""
    consumer = harness.consumer()
    await consumer.start()
    await harness.emit("relay-crash")
    dying = harness.relay()

    async def die(_: object) -> None:
        raise asyncio.CancelledError  # as if the process were killed mid-batch

    dying.after_publish = die
    with pytest.raises(asyncio.CancelledError):
        await dying.relay_once()
    assert await harness.pending_outbox() == 1  # the mark was rolled back with the process
    assert await harness.relay().relay_once() == 1  # a new relay publishes it again
    await eventually(lambda: harness.effect_count("relay-crash"))
    await asyncio.sleep(0.5)  # time for the second copy to arrive and be skipped
    assert await harness.effect_count("relay-crash") == 1
    assert await harness.queue_depth(harness.service) == 0
    await consumer.stop()


async def test_event_is_not_lost_when_the_consumer_dies_before_acking(harness: Harness) -> None:
    """Killed after its transaction committed but before the ack: redelivered and skipped."""
    first = harness.consumer()

    async def die(_: Envelope) -> None:
        await first._channel.close()  # type: ignore[union-attr]  # the process dies: no ack sent
        raise ConnectionError("killed")

    first.after_commit = die
    await first.start()
    await harness.emit("consumer-crash")
    await harness.relay().relay_once()
    await eventually(lambda: harness.effect_count("consumer-crash"))
    second = harness.consumer()
    await second.start()
    await eventually(lambda: _is_zero(harness.queue_depth(harness.service)))
    assert await harness.effect_count("consumer-crash") == 1
    await second.stop()


async def _is_zero(value: object) -> bool:
    return await value == 0  # type: ignore[misc]


async def test_a_message_delivered_twice_changes_nothing_the_second_time(harness: Harness) -> None:
    consumer = harness.consumer()
    await consumer.start()
    env = await harness.emit("twice")
    row_payload = env.model_dump_json().encode()
    for _ in range(2):
        await harness.publisher.publish(env.type, row_payload, message_id=str(env.id))
    await eventually(lambda: harness.effect_count("twice"))
    await eventually(lambda: _is_zero(harness.queue_depth(harness.service)))
    assert await harness.effect_count("twice") == 1
    await consumer.stop()


async def test_messages_waiting_together_are_handled_in_one_transaction_each_at_most_once(
    harness: Harness,
) -> None:
    """A batch: one inbox insert and one commit for all, a copy inside the batch skipped, and a
    failing handler rolls the batch back so each runs alone: only that one is retried."""
    declaring = harness.consumer()
    await declaring.start()
    await declaring.stop()
    harness.failing_keys = {"batch-bad"}
    envelopes = [await harness.emit(key) for key in ("batch-1", "batch-2", "batch-3")]
    for env in [*envelopes, envelopes[0]]:
        await harness.publisher.publish(
            env.type, env.model_dump_json().encode(), message_id=str(env.id)
        )
    consumer = harness.consumer()
    channel = await harness.connection.channel()
    try:
        queue = await channel.get_queue(harness.service, ensure=False)
        await eventually(lambda: _equals(harness.queue_depth(harness.service), 4))
        first = [await queue.get(timeout=5) for _ in range(4)]
        await consumer.handle_batch(first)
        for key in ("batch-1", "batch-2", "batch-3"):
            assert await harness.effect_count(key) == 1
        async with harness.db.sessions() as session:
            committed = set(
                (
                    await session.execute(
                        select(inbox.c.processed_at).where(
                            inbox.c.event_id.in_([e.id for e in envelopes])
                        )
                    )
                ).scalars()
            )
        assert len(committed) == 1  # one transaction for the batch

        bad = await harness.emit("batch-bad")
        good = await harness.emit("batch-4")
        for env in (bad, good):
            await harness.publisher.publish(
                env.type, env.model_dump_json().encode(), message_id=str(env.id)
            )
        await eventually(lambda: _equals(harness.queue_depth(harness.service), 2))
        second = [await queue.get(timeout=5) for _ in range(2)]
        await consumer.handle_batch(second)
        assert await harness.effect_count("batch-4") == 1
        assert await harness.effect_count("batch-bad") == 0
        # The failing one alone waited out its first retry delay and came back.
        again = await eventually(lambda: queue.get(timeout=5, fail=False))
        assert again.message_id == str(bad.id)
        assert again.headers["x-asb-attempt"] == 1
        await again.ack()
    finally:
        await channel.close()


async def test_a_batch_is_acknowledged_by_one_ack_only_when_that_settles_nothing_else(
    harness: Harness,
) -> None:
    """One ``multiple`` ack settles every delivery on the channel up to its tag: a batch uses it
    only when nothing else up to its last tag is unsettled (held by another worker, or still
    waiting), else each delivery is acknowledged alone. What is not in a batch stays
    unacknowledged either way: it comes back when the channel closes."""
    declaring = harness.consumer()
    await declaring.start()
    await declaring.stop()
    envelopes = [await harness.emit(f"acks-{n}") for n in range(5)]
    for env in envelopes:
        await harness.publisher.publish(
            env.type, env.model_dump_json().encode(), message_id=str(env.id)
        )
    await eventually(lambda: _equals(harness.queue_depth(harness.service), 5))
    consumer = harness.consumer()  # not started: this test hands it its batches
    channel = await harness.connection.channel()
    try:
        await channel.set_qos(prefetch_count=10)
        queue = await channel.get_queue(harness.service, ensure=False)
        await queue.consume(consumer._receive)

        async def all_received() -> bool:
            return consumer._waiting.qsize() == 5

        await eventually(all_received)
        held = [consumer._waiting.get_nowait() for _ in range(5)]
        assert [m.delivery_tag for m, _ in held] == [1, 2, 3, 4, 5]
        underlay = held[0][0].channel
        sent = underlay.basic_ack
        acks: list[tuple[int, bool]] = []

        async def counted(delivery_tag: int, multiple: bool = False, wait: bool = True) -> None:
            acks.append((delivery_tag, multiple))
            await sent(delivery_tag=delivery_tag, multiple=multiple, wait=wait)

        underlay.basic_ack = counted  # type: ignore[method-assign]
        # 2 and 3 while 1 is held elsewhere: one ack up to 3 would settle 1 too.
        await consumer._handle_batch([held[1], held[2]])
        assert acks == [(2, False), (3, False)]
        # 1 and 4, with 2 and 3 settled and 5 waiting: one ack up to 4 settles exactly them.
        await consumer._handle_batch([held[0], held[3]])
        assert acks[2:] == [(4, True)]
        for env in envelopes[:4]:
            assert await harness.effect_count(env.data["key"]) == 1
        assert await harness.effect_count("acks-4") == 0
        assert await harness.queue_depth(harness.service) == 0
    finally:
        await channel.close()
    # Only the fifth was never acknowledged: back in the queue.
    await eventually(lambda: _equals(harness.queue_depth(harness.service), 1))


async def _equals(value: object, expected: int) -> bool:
    return await value == expected  # type: ignore[misc]


async def test_a_failing_handler_is_retried_with_growing_delays_then_parked_and_replayed(
    harness: Harness,
) -> None:
    harness.failing = True
    consumer = harness.consumer()
    await consumer.start()
    env = await harness.emit("stubborn")
    await harness.relay().relay_once()
    await eventually(
        lambda: _is_zero_not(harness.queue_depth(f"{harness.service}.parked")), timeout=15
    )

    assert len(harness.attempts) == 4  # the first try and three retries
    gaps = [b - a for a, b in zip(harness.attempts, harness.attempts[1:], strict=False)]
    for gap, delay in zip(gaps, [0.2, 0.4, 0.8], strict=True):
        assert gap >= delay * 0.9, gaps
    assert gaps[0] < gaps[1] < gaps[2]
    assert await harness.effect_count("stubborn") == 0

    parked = await list_parked(harness.connection, harness.service)
    assert [p.message_id for p in parked] == [str(env.id)]
    assert parked[0].attempts == 4
    assert "the handler is broken" in parked[0].error
    # Listing leaves it in place.
    assert await harness.queue_depth(f"{harness.service}.parked") == 1

    harness.failing = False
    assert await replay_parked(harness.connection, harness.publisher, harness.service) == 1
    await eventually(lambda: harness.effect_count("stubborn"))
    assert await harness.queue_depth(f"{harness.service}.parked") == 0
    await consumer.stop()


async def _is_zero_not(value: object) -> bool:
    return await value > 0  # type: ignore[misc]


async def test_a_malformed_message_is_parked_at_once(harness: Harness) -> None:
    consumer = harness.consumer()
    await consumer.start()
    await harness.publisher.publish("test.thing.happened", b"not json at all", message_id="bad-1")
    await eventually(lambda: _is_zero_not(harness.queue_depth(f"{harness.service}.parked")))
    parked = await list_parked(harness.connection, harness.service)
    assert parked[0].message_id == "bad-1"
    assert "not a valid envelope" in parked[0].error
    assert harness.attempts == []
    await consumer.stop()


async def test_a_version_no_handler_takes_is_parked_for_replay_not_dropped(
    harness: Harness,
) -> None:
    consumer = harness.consumer()
    await consumer.start()
    newer = Outbox("producer").envelope(
        ThingHappened(key="from-the-future"), organisation_id=uuid.uuid4()
    )
    newer = newer.model_copy(update={"version": 9})
    await harness.publisher.publish(
        newer.type, newer.model_dump_json().encode(), message_id=str(newer.id)
    )
    await eventually(lambda: _is_zero_not(harness.queue_depth(f"{harness.service}.parked")))
    [parked] = await list_parked(harness.connection, harness.service)
    assert parked.message_id == str(newer.id)
    assert "no handler for test.thing.happened version 9" in parked.error
    assert harness.attempts == []
    await consumer.stop()


class NobodyListens(Event):
    event_type = "test.nobody.listens"

    key: str


async def test_an_event_that_keeps_failing_steps_aside_for_the_ones_behind_it(
    harness: Harness,
) -> None:
    consumer = harness.consumer()
    await consumer.start()
    relay = harness.relay()
    relay.batch_size = 1  # the failing row alone would fill every batch
    async with harness.db.transaction() as session:
        await Outbox(harness.service).add(
            session, NobodyListens(key="stuck"), organisation_id=harness.organisation_id
        )
    await harness.emit("behind")
    with pytest.raises(RuntimeError):
        await relay.relay_once()  # the unroutable row fails and is rescheduled
    assert await relay.relay_once() == 1  # the next batch reaches the row behind it
    await eventually(lambda: harness.effect_count("behind"))
    assert await relay.relay_once() == 0  # the failed row waits for its next attempt
    async with harness.db.sessions() as session:
        row = (
            await session.execute(
                select(outbox.c.attempts, outbox.c.next_attempt_at > func.now()).where(
                    outbox.c.routing_key == "test.nobody.listens"
                )
            )
        ).one()
    assert row[0] == 1 and row[1] is True
    await consumer.stop()


async def test_old_outbox_and_inbox_rows_are_purged_and_recent_ones_kept(harness: Harness) -> None:
    relay = harness.relay()
    old, recent = uuid.uuid4(), uuid.uuid4()
    async with harness.db.transaction() as session:
        for row_id, age in ((old, "8 days"), (recent, "1 day")):
            await session.execute(
                insert(outbox).values(
                    id=row_id,
                    routing_key="x",
                    payload="{}",
                    published_at=func.now() - text(f"interval '{age}'"),
                )
            )
        for event_id, age in ((old, "31 days"), (recent, "1 day")):
            await session.execute(
                insert(inbox).values(
                    event_id=event_id,
                    consumer="c",
                    event_type="x",
                    processed_at=func.now() - text(f"interval '{age}'"),
                )
            )
    assert await relay.purge() == (1, 1)
    async with harness.db.sessions() as session:
        assert (await session.execute(select(outbox.c.id))).scalars().all() == [recent]
        assert (await session.execute(select(inbox.c.event_id))).scalars().all() == [recent]


async def test_while_the_broker_is_away_the_relay_keeps_its_rows_turn_and_says_why(
    harness: Harness, test_env: TestEnvironment
) -> None:
    consumer = harness.consumer()
    await consumer.start()
    await harness.emit("while away")
    gone = await connect(test_env.amqp_url, name=f"{harness.service}-gone")
    await gone.close()  # as the connection is while the broker is away
    away = OutboxRelay(harness.db, Publisher(gone, EXCHANGE), service=harness.service)
    with pytest.raises(PublishFailed, match=r"could not be published.*BrokerUnavailable"):
        await away.relay_once()
    async with harness.db.sessions() as session:
        row = (
            await session.execute(
                select(
                    outbox.c.attempts, outbox.c.next_attempt_at <= func.now(), outbox.c.last_error
                )
            )
        ).one()
    # Not the event's fault: it did not step aside, so it goes out the moment the broker is back.
    assert row[0] == 0 and row[1] is True and row[2] is None
    assert await harness.relay().relay_once() == 1
    await eventually(lambda: harness.effect_count("while away"))
    await consumer.stop()
