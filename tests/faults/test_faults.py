"""Faults while reports flow: every process crashes once, the broker drops the connections, the
database ends the sessions; afterwards nothing is lost and nothing happened twice.

The whole system runs as real processes (``asb_devtools.runner``), against this run's own
databases and vhost. Reports are sent at a steady rate by a client that retries with its
``Idempotency-Key`` (as a resident's browser would) while each service's worker and API is
killed with SIGKILL, one a second, and started again, every AMQP connection of this run's vhost
is closed by the broker and every session on this run's databases is terminated. Then:
every accepted report has exactly one case link and one delivered acknowledgement (one email,
however often it was attempted), no outbox holds a backlog and nothing is parked without a reason.
Only what the test itself started, its own vhost's connections and its own databases are touched.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest
from asb_devtools.runner import SERVICES, System
from asb_shared.testing import TestEnvironment
from faults_flow import (
    Sender,
    assert_nothing_lost_nothing_doubled,
    close_vhost_connections,
    register_landlord,
    system_config,
    terminate_sessions,
)

pytestmark = pytest.mark.e2e

ORG = uuid.uuid4()
REPORTS_PER_SECOND = 4


@pytest.fixture(scope="module")
def faults_env(test_env: TestEnvironment) -> TestEnvironment:
    return test_env.derive("faults")


@pytest.fixture(scope="module")
def system(
    faults_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[System]:
    config = system_config(
        faults_env,
        tmp_path_factory.mktemp("faults-logs"),
        # Few connections a process: plenty at this rate, and the test command's share of the
        # database server stays small while another worker runs other tests beside it.
        extra_env={"DATABASE_POOL_SIZE": "3"},
    )
    with System(config) as running:
        running.migrate()
        running.start(timeout=120)
        register_landlord(faults_env, config, ORG, "FLT")
        yield running


async def test_crashes_dropped_connections_and_ended_sessions_lose_nothing_and_repeat_nothing(
    system: System, faults_env: TestEnvironment
) -> None:
    env = faults_env
    sender = Sender(system.config.api_url("intake"), ORG, REPORTS_PER_SECOND)
    faults: list[str] = []
    started = time.monotonic()

    async def crash(name: str) -> None:
        await asyncio.to_thread(system.kill, name)
        faults.append(f"kill -9 {name}")
        await asyncio.to_thread(system.restart, name)

    async def inject() -> None:
        await asyncio.sleep(2)
        # One crash a second, each process started again as soon as it is down: the next crash
        # comes while earlier ones are still starting, as in a bad minute in production.
        restarting = []
        for service in SERVICES:
            for role in ("worker", "api"):
                restarting.append(asyncio.create_task(crash(f"{service}-{role}")))
                await asyncio.sleep(1)
        await asyncio.gather(*restarting)
        closed = await asyncio.to_thread(close_vhost_connections, env.amqp_url.rsplit("/", 1)[1])
        faults.append(f"closed {closed} AMQP connections")
        await asyncio.sleep(2)
        ended = await terminate_sessions(env)
        faults.append(f"terminated {ended} database sessions")
        await asyncio.sleep(2)
        sender.stop.set()

    async with httpx.AsyncClient(timeout=10) as http:
        sent, _ = await asyncio.gather(sender.run(http), inject())

    assert not sender.lost, sender.lost
    print(
        f"\nfaults: {len(faults)} injected ({'; '.join(faults)}); reports sent {sent}, "
        f"accepted {len(sender.accepted)} in {time.monotonic() - started:.0f}s"
    )
    await assert_nothing_lost_nothing_doubled(system, env, sender.accepted, "faults")
    print(f"faults: {time.monotonic() - started:.0f}s in all")
