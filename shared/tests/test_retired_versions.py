"""The check before a retired event version's handlers go: it counts the old version unsent in
an outbox, waiting in a retry queue or parked, and asks the main queue to be empty."""

from __future__ import annotations

import asyncio
import io
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from aio_pika.abc import AbstractRobustConnection
from asb_shared.db import Database, create_database_if_missing
from asb_shared.messaging import Event, Outbox
from asb_shared.messaging.broker import Publisher, connect
from asb_shared.messaging.retired import RETIRED, Remaining, remaining, retired_version
from asb_shared.messaging.tables import messaging_metadata, outbox
from asb_shared.messaging.topology import ServiceQueues, declare_exchange, declare_service_queues
from asb_shared.service import ServiceDefinition, main
from asb_shared.settings import ServiceSettings
from asb_shared.testing import TestEnvironment
from sqlalchemy import func, update

EXCHANGE = "asb.events"
OLD = ("test.retiring.thing", 1)
ONLY_OLD = frozenset({OLD})


class RetiringThing(Event):
    event_type = "test.retiring.thing"

    key: str


class RetiringThingV2(Event):
    event_type = "test.retiring.thing"
    event_version = 2

    key: str


def test_an_envelope_of_a_retired_version_is_told_from_the_newer_and_from_junk() -> None:
    old = Outbox("p").envelope(RetiringThing(key="a"), organisation_id=uuid.uuid4())
    new = Outbox("p").envelope(RetiringThingV2(key="a"), organisation_id=uuid.uuid4())
    assert retired_version(old.model_dump_json(), ONLY_OLD) == OLD
    assert retired_version(new.model_dump_json(), ONLY_OLD) is None
    assert retired_version(b"not json", ONLY_OLD) is None
    assert retired_version(b'{"version": 1}', ONLY_OLD) is None
    assert ("casework.case.opened", 1) in RETIRED
    assert ("casework.case.opened", 2) not in RETIRED


def test_what_remains_is_clear_only_when_nothing_is_left_anywhere() -> None:
    assert Remaining().clear
    assert Remaining(outbox=Counter({OLD: 0})).clear
    assert not Remaining(outbox=Counter({OLD: 1})).clear
    assert not Remaining(queued=Counter({OLD: 2})).clear
    assert not Remaining(waiting=1).clear
    assert Remaining(outbox=Counter({OLD: 1}), waiting=3).lines() == [
        "outbox: 1 test.retiring.thing version 1",
        "main queue: 3 message(s) waiting, of any version",
    ]


@dataclass
class Service:
    name: str
    db: Database
    connection: AbstractRobustConnection
    publisher: Publisher


@pytest.fixture
async def service(test_env: TestEnvironment) -> AsyncIterator[Service]:
    name = f"svc{uuid.uuid4().hex[:8]}"
    url = test_env.database_url(name)
    await create_database_if_missing(url)
    db = Database(url, pool_size=1)
    async with db.engine.begin() as conn:
        await conn.run_sync(messaging_metadata.create_all)
    connection: AbstractRobustConnection = await connect(test_env.amqp_url, name=name)
    publisher = Publisher(connection, EXCHANGE)
    channel = await connection.channel()
    exchange = await declare_exchange(channel, EXCHANGE)
    # One retry queue that holds its messages for a minute: long enough to be counted there.
    queues = ServiceQueues(name, (60_000,))
    await declare_service_queues(
        channel, exchange, queues, [RetiringThing.event_type], delivery_limit=5
    )
    await channel.close()
    try:
        yield Service(name, db, connection, publisher)
    finally:
        await publisher.close()
        await connection.close()
        await db.dispose()


async def test_the_old_version_is_counted_in_the_outbox_the_retry_queue_and_parked(
    service: Service,
) -> None:
    name, db, connection, publisher = (
        service.name,
        service.db,
        service.connection,
        service.publisher,
    )
    box = Outbox(name)
    org = uuid.uuid4()
    async with db.transaction() as session:
        await box.add(session, RetiringThing(key="unsent"), organisation_id=org)
        sent = await box.add(session, RetiringThing(key="sent"), organisation_id=org)
        await box.add(session, RetiringThingV2(key="newer"), organisation_id=org)
        await session.execute(
            update(outbox).where(outbox.c.id == sent.id).values(published_at=func.now())
        )
    queues = ServiceQueues(name, (60_000,))
    for queue, event in [
        (queues.retry(1), RetiringThing(key="retrying")),
        (queues.retry(1), RetiringThingV2(key="retrying newer")),
        (queues.parked, RetiringThing(key="parked")),
    ]:
        envelope = box.envelope(event, organisation_id=org)
        await publisher.publish(queue, envelope.model_dump_json().encode(), to_queue=True)

    left = await remaining(db.engine, connection, name, 1, ONLY_OLD)
    assert left.outbox == Counter({OLD: 1})  # the sent one and the newer version not counted
    assert left.queued == Counter({OLD: 2})
    assert left.waiting == 0
    assert not left.clear
    # Looked at, not taken: counted again the same.
    again = await remaining(db.engine, connection, name, 1, ONLY_OLD)
    assert again.queued == Counter({OLD: 2})

    # A message waiting in the main queue cannot be read there: its being there is enough.
    newer = box.envelope(RetiringThingV2(key="waiting"), organisation_id=org)
    await publisher.publish(queues.main, newer.model_dump_json().encode(), to_queue=True)
    assert (await remaining(db.engine, connection, name, 1, ONLY_OLD)).waiting == 1


async def test_a_service_with_none_left_is_clear(service: Service) -> None:
    name, db, connection = service.name, service.db, service.connection
    async with db.transaction() as session:
        await Outbox(name).add(session, RetiringThingV2(key="newer"), organisation_id=uuid.uuid4())
    left = await remaining(db.engine, connection, name, 1, ONLY_OLD)
    assert left.clear, left.lines()


async def test_the_service_command_says_what_remains_and_fails_until_clear(
    service: Service, test_env: TestEnvironment, monkeypatch: pytest.MonkeyPatch
) -> None:
    definition = ServiceDefinition(
        name=service.name,
        title="Probe",
        settings_cls=ServiceSettings,
        migrations_dir=Path("unused"),
    )
    monkeypatch.setenv("DATABASE_URL", service.db.url)
    monkeypatch.setenv("AMQP_URL", test_env.amqp_url)
    monkeypatch.setenv("RETRY_DELAYS_MS", "[60000]")
    async with service.db.transaction() as session:
        await Outbox(service.name).add(
            session, RetiringThingV2(key="newer"), organisation_id=uuid.uuid4()
        )

    def run() -> tuple[int, str]:
        out = io.StringIO()
        with redirect_stdout(out):
            try:
                main(definition, ["retired"])
            except SystemExit as exit:
                return int(exit.code or 0), out.getvalue()
        return 0, out.getvalue()

    # The platform's own retired versions: none of them in this service.
    assert await asyncio.to_thread(run) == (0, f"{service.name}: clear of retired versions\n")
    envelope = Outbox(service.name).envelope(RetiringThingV2(key="x"), organisation_id=uuid.uuid4())
    body = envelope.model_dump_json().replace('"test.retiring.thing"', '"casework.case.opened"')
    body = body.replace('"version":2', '"version":1')
    await service.publisher.publish(
        ServiceQueues(service.name, ()).parked, body.encode(), to_queue=True
    )
    code, said = await asyncio.to_thread(run)
    assert code == 1
    assert said.splitlines() == [
        f"{service.name}: queued or parked: 1 casework.case.opened version 1",
        f"{service.name}: not clear of retired versions",
    ]
