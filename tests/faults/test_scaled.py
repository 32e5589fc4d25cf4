"""Two processes of every worker and two of intake's API, sharing the work while reports flow:
nothing is lost and nothing happens twice.

The whole system runs as real processes, started by the runner with two workers per service
(competing consumers on each service's queue, two outbox relays, two of every timer and
dispatcher) and two intake APIs sharing one port. While reports are sent, one copy of the two
busiest workers is killed with SIGKILL and started again, so its sibling takes over what it held.
Then the same checks as the fault test: every accepted report has exactly one case link and one
delivered acknowledgement (one email), no outbox backlog, nothing parked without a reason.
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
    queue_consumers,
    register_landlord,
    system_config,
)

pytestmark = pytest.mark.e2e

ORG = uuid.uuid4()
REPORTS_PER_SECOND = 5
SENDING_SECONDS = 15
PROCESSES = {f"{service}-worker": 2 for service in SERVICES} | {"intake-api": 2}


@pytest.fixture(scope="module")
def scaled_env(test_env: TestEnvironment) -> TestEnvironment:
    return test_env.derive("scaled")


@pytest.fixture(scope="module")
def system(
    scaled_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[System]:
    config = system_config(
        scaled_env,
        tmp_path_factory.mktemp("scaled-logs"),
        PROCESSES,
        # Sixteen processes share the database server with other runs: each keeps few
        # connections (plenty at this rate).
        {"DATABASE_POOL_SIZE": "2"},
    )
    with System(config) as running:
        running.migrate()
        running.start(timeout=180)
        register_landlord(scaled_env, config, ORG, "SCL")
        yield running


async def _reports_answered(http: httpx.AsyncClient, system: System, name: str) -> float:
    """How many reports the intake API process ``name`` itself accepted (its own metrics)."""
    text = (await http.get(f"{system.config.own_url(name)}/metrics")).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("asb_http_requests_total{")
        and 'method="POST"' in line
        and 'status="201"' in line
    )


async def test_two_processes_of_each_share_the_work_and_lose_and_repeat_nothing(
    system: System, scaled_env: TestEnvironment
) -> None:
    env = scaled_env
    vhost = env.amqp_url.rsplit("/", 1)[1]
    consumers = await asyncio.to_thread(queue_consumers, vhost)
    # Each service with handlers: both its workers consume its queue (competing consumers).
    by_service = {s: consumers[s] for s in SERVICES if s in consumers}
    assert "casework" in by_service and "notifications" in by_service, consumers
    assert all(n == 2 for n in by_service.values()), by_service

    sender = Sender(system.config.api_url("intake"), ORG, REPORTS_PER_SECOND)
    faults: list[str] = []
    started = time.monotonic()

    async def inject() -> None:
        await asyncio.sleep(SENDING_SECONDS / 3)
        for name in ("casework-worker-2", "notifications-worker"):
            await asyncio.to_thread(system.kill, name)
            faults.append(f"kill -9 {name}")
            await asyncio.sleep(1)
            # A busy machine may be slow to start a worker: its sibling carries on meanwhile.
            await asyncio.to_thread(system.restart, name, 180)
        await asyncio.sleep(max(0.0, SENDING_SECONDS - (time.monotonic() - started)))
        sender.stop.set()

    # No keep-alive: each report on a new connection, so the kernel spreads them over both APIs.
    limits = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=10, limits=limits) as http:
        sent, _ = await asyncio.gather(sender.run(http), inject())
        assert not sender.lost, sender.lost
        answered = {
            name: await _reports_answered(http, system, name)
            for name in system.config.names("intake", "api")
        }
    print(
        f"\nscaled: {'; '.join(faults)}; reports sent {sent}, accepted {len(sender.accepted)}, "
        f"by intake API process {answered}"
    )
    assert len(answered) == 2 and all(n > 0 for n in answered.values()), answered
    assert sum(answered.values()) >= len(sender.accepted)
    await assert_nothing_lost_nothing_doubled(system, env, sender.accepted, "scaled")
    print(f"scaled: {time.monotonic() - started:.0f}s in all")
