"""Outages of the database server and of the broker themselves, while reports flow.

The whole system runs as real processes against a PostgreSQL cluster and a RabbitMQ node this
module starts for itself (``private_servers``: temporary directories, free ports, a node name of
its own; the machine's shared servers are never touched), so it can stop and start them as an
operator restarting them would. Reports are sent at a steady rate by a client that retries with
its ``Idempotency-Key`` while readiness is watched. Then:

- database down: every answer is a 201 or a 503 with ``Retry-After`` (never a 500), the retries
  get the report accepted once, the API is not ready while it is down and ready again after;
- broker down: the workers say they are not ready (the relay cannot publish, the connection is
  lost) and the backlog drains within moments of the broker's return, with no ERROR lines for
  the routine reconnect;
- and in both cases nothing is lost and nothing happens twice.

The figures (answers by status, time to drain, readiness transitions, ERROR lines) are printed,
never asserted as timings.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from asb_devtools.runner import SERVICES, System
from asb_shared.testing import TestEnvironment
from faults_flow import (
    assert_nothing_lost_nothing_doubled,
    fetch,
    register_landlord,
    report,
    system_config,
)
from private_servers import PrivatePostgres, PrivateRabbitMQ

pytestmark = pytest.mark.e2e

ORG = uuid.uuid4()
REPORTS_PER_SECOND = 6
OUTAGE_SECONDS = 4


@dataclass(frozen=True)
class PrivateEnvironment(TestEnvironment):
    """The run's environment on the module's own PostgreSQL cluster and RabbitMQ node."""

    postgres_url: str = ""

    def database_url(self, name: str) -> str:
        return f"{self.postgres_url}/{self.run_id}_{name.replace('-', '_')}"


@dataclass
class Servers:
    postgres: PrivatePostgres
    rabbitmq: PrivateRabbitMQ
    rabbitmq_started: Future[None]
    """The node boots while the databases are migrated (it takes the longer)."""


@pytest.fixture(scope="module")
def servers() -> Iterator[Servers]:
    began = time.monotonic()
    postgres, rabbitmq = PrivatePostgres(), PrivateRabbitMQ()
    try:
        with ThreadPoolExecutor(1) as pool:
            booting = pool.submit(rabbitmq.start)
            postgres.start()
            print(f"\noutages: private PostgreSQL up in {time.monotonic() - began:.1f}s")
            yield Servers(postgres, rabbitmq, booting)
    finally:
        postgres.remove()
        rabbitmq.remove()


@pytest.fixture(scope="module")
def outage_env(test_env: TestEnvironment, servers: Servers) -> PrivateEnvironment:
    return PrivateEnvironment(
        run_id=f"{test_env.run_id}_outage",
        amqp_url=servers.rabbitmq.url,
        private_key=test_env.private_key,
        public_key_file=test_env.public_key_file,
        issuer=test_env.issuer,
        audience=test_env.audience,
        organisations=test_env.organisations,
        postgres_url=servers.postgres.url,
    )


@pytest.fixture(scope="module")
def system(
    outage_env: PrivateEnvironment, servers: Servers, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[System]:
    config = system_config(
        outage_env,
        tmp_path_factory.mktemp("outage-logs"),
        extra_env={
            "DATABASE_POOL_SIZE": "3",
            # A message being sent when the database went away is taken back when its lease
            # ends (and sent again with the same Message-ID): 5 s here rather than 2 min.
            "SEND_LEASE_SECONDS": "5",
        },
    )
    began = time.monotonic()
    with System(config) as running:
        running.migrate()
        servers.rabbitmq_started.result()
        print(f"outages: private RabbitMQ up after {time.monotonic() - began:.1f}s more")
        running.start(timeout=120)
        register_landlord(outage_env, config, ORG, "OUT")
        print(f"outages: the system migrated, started and ready in {time.monotonic() - began:.1f}s")
        yield running


@dataclass
class Answer:
    at: float
    status: int | str
    """The HTTP status, or ``"no connection"``."""
    retry_after: str | None


@dataclass
class Sender:
    """Sends reports at a steady rate until stopped, each retried with its ``Idempotency-Key``
    until accepted, and keeps every answer it got."""

    url: str
    per_second: float
    answers: list[Answer] = field(default_factory=list)
    accepted: dict[str, str] = field(default_factory=dict)
    """Report reference -> the reporter's email."""
    accepted_at: dict[str, float] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def _one(self, http: httpx.AsyncClient, n: int) -> None:
        email = f"robin+{n}.{uuid.uuid4().hex[:6]}@example.org"
        key = str(uuid.uuid4())
        for _ in range(240):
            try:
                got = await http.post(
                    f"{self.url}/v1/reports",
                    json=report(ORG, n, email),
                    headers={"Idempotency-Key": key},
                )
            except httpx.TransportError:
                self.answers.append(Answer(time.monotonic(), "no connection", None))
            else:
                self.answers.append(
                    Answer(time.monotonic(), got.status_code, got.headers.get("retry-after"))
                )
                if got.status_code == 201:
                    reference = got.json()["reference"]
                    self.accepted[reference] = email
                    self.accepted_at[reference] = time.monotonic()
                    return
                if got.status_code != 503:
                    self.lost.append(f"report {n}: {got.status_code} {got.text}")
                    return
            await asyncio.sleep(0.5)
        self.lost.append(f"report {n}: never accepted")

    async def run(self, http: httpx.AsyncClient) -> int:
        tasks: list[asyncio.Task[None]] = []
        n = 0
        while not self.stop.is_set():
            n += 1
            tasks.append(asyncio.create_task(self._one(http, n)))
            await asyncio.sleep(1 / self.per_second)
        await asyncio.gather(*tasks)
        return n

    def by_status(self, start: float = 0.0, end: float = float("inf")) -> dict[str, int]:
        counted = Counter(str(a.status) for a in self.answers if start <= a.at <= end)
        return dict(sorted(counted.items()))


@dataclass
class Readiness:
    """Watches processes' ``/readyz`` and keeps each change: (time, process, state, reasons)."""

    system: System
    names: Sequence[str]
    changes: list[tuple[float, str, str, str]] = field(default_factory=list)

    async def watch(self, http: httpx.AsyncClient, stop: asyncio.Event) -> None:
        last: dict[str, str] = {}
        while not stop.is_set():
            for name in self.names:
                try:
                    got = await http.get(self.system.ready_url(name), timeout=2)
                    body = got.json()
                    state = str(body["status"])
                    failing = {c: said for c, said in body["checks"].items() if said != "ok"}
                except (httpx.HTTPError, ValueError, KeyError):
                    state, failing = "unreachable", {}
                # A change of state, or of which checks fail (not of their words).
                key = f"{state} {sorted(failing)}"
                if last.get(name) != key:
                    last[name] = key
                    reasons = "; ".join(f"{c}: {said}" for c, said in failing.items())
                    self.changes.append((time.monotonic(), name, state, reasons))
            await asyncio.sleep(0.2)

    def went(self, name: str, state: str, after: float) -> float | None:
        """When ``name`` first turned ``state`` after ``after``, if it did."""
        return next(
            (at for at, who, s, _ in self.changes if who == name and s == state and at >= after),
            None,
        )

    def show(self, label: str, marks: dict[str, float]) -> None:
        first, origin = next(iter(marks.items()))
        print(f"{label}: readiness, in seconds from '{first}':")
        rows = [
            (at, f"{name:<22} {state}  {reasons[:160]}")
            for at, name, state, reasons in self.changes
        ]
        rows += [(at, f"-- {mark}") for mark, at in marks.items()]
        for at, text in sorted(rows):
            if at >= origin - 1:
                print(f"  {at - origin:+6.1f}s  {text}")


async def _listening(port: int) -> float:
    """When the port first takes a connection (the broker is back), polled every 50 ms."""
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        at = time.monotonic()
        writer.close()
        return at


def _log_sizes(system: System) -> dict[Path, int]:
    return {p: p.stat().st_size for p in system.config.log_dir.glob("*.log")}


def _lines_since(sizes: dict[Path, int], system: System) -> dict[str, list[dict[str, Any]]]:
    """The JSON log lines each process wrote since ``sizes`` were taken, by process."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in system.config.log_dir.glob("*.log"):
        with path.open("rb") as f:
            f.seek(sizes.get(path, 0))
            lines = []
            for raw in f.read().splitlines():
                try:
                    lines.append(json.loads(raw))
                except ValueError:
                    lines.append({"level": "RAW", "message": raw.decode(errors="replace")})
            out[path.stem] = lines
    return out


async def test_while_the_database_is_down_clients_get_503_with_retry_after_and_their_retries_succeed(
    system: System, servers: Servers, outage_env: PrivateEnvironment
) -> None:
    sender = Sender(system.config.api_url("intake"), REPORTS_PER_SECOND)
    readiness = Readiness(system, ["intake-api", "casework-api", "intake-worker"])
    watching = asyncio.Event()
    marks: dict[str, float] = {}
    sizes = _log_sizes(system)
    started = time.monotonic()

    async def outage() -> None:
        await asyncio.sleep(2)
        marks["database stopped"] = time.monotonic()
        await asyncio.to_thread(servers.postgres.stop)
        await asyncio.sleep(OUTAGE_SECONDS)
        marks["database starting"] = time.monotonic()
        await asyncio.to_thread(servers.postgres.start)
        marks["database up"] = time.monotonic()
        await asyncio.sleep(2)
        sender.stop.set()

    async with httpx.AsyncClient(timeout=10) as http:
        watch = asyncio.create_task(readiness.watch(http, watching))
        sent, _ = await asyncio.gather(sender.run(http), outage())
        await asyncio.sleep(1)
        watching.set()
        await watch
        metrics = (await http.get(f"{system.config.api_url('intake')}/metrics")).text
    counted = sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith("asb_database_unavailable_total{")
    )

    down, up = marks["database stopped"], marks["database up"]
    during = sender.by_status(down, up + 1)
    print(
        f"\ndatabase outage: {up - down:.1f}s; reports sent {sent}, accepted "
        f"{len(sender.accepted)}; answers during it by status {during}; "
        f"all answers by status {sender.by_status()}"
    )
    readiness.show("database outage", marks)
    logged = _lines_since(sizes, system)
    unhandled = {
        name: n
        for name, lines in logged.items()
        if (n := sum(1 for line in lines if line.get("message") == "unhandled error"))
    }
    warnings = [
        line["message"]
        for line in logged.get("intake-api", [])
        if line.get("logger") == "asb_shared.outages"
    ]
    held = [
        line["message"]
        for line in logged.get("casework-worker", [])
        if line.get("logger") == "asb_shared.messaging.consumer"
    ]
    print(f"database outage: intake-api's outage lines {warnings}; 'unhandled error' {unhandled}")
    print(f"database outage: casework's consumer said {held}")
    print(f"database outage: intake's asb_database_unavailable_total {counted:.0f}")

    assert not sender.lost, sender.lost
    assert len(sender.accepted) == sent
    statuses = {a.status for a in sender.answers}
    assert statuses <= {201, 503, "no connection"}, sender.by_status()
    assert 503 in statuses, "no request met the outage"
    assert all(a.retry_after for a in sender.answers if a.status == 503)
    assert counted == sender.by_status().get("503", 0)
    assert not unhandled, unhandled
    # The consumer held its messages through the outage: none was sent to a retry queue.
    assert not [m for m in held if "failed" in m and "handler" in m], held
    # Ready, then not ready while the database was down, then ready again by itself.
    went_down = readiness.went("intake-api", "not_ready", down)
    assert went_down is not None and readiness.went("intake-api", "ready", went_down) is not None
    await assert_nothing_lost_nothing_doubled(system, outage_env, sender.accepted, "database")
    print(f"database outage: {time.monotonic() - started:.0f}s in all")


async def test_after_the_broker_is_back_the_backlog_drains_at_once_and_readiness_told_the_truth(
    system: System, servers: Servers, outage_env: PrivateEnvironment
) -> None:
    sender = Sender(system.config.api_url("intake"), REPORTS_PER_SECOND)
    workers = [f"{s}-worker" for s in SERVICES]
    readiness = Readiness(system, ["intake-worker", "casework-worker", "notifications-worker"])
    watching = asyncio.Event()
    marks: dict[str, float] = {}
    drained: dict[str, float] = {}
    peak = 0
    started = time.monotonic()
    sizes: dict[Path, int] = {}

    async def without_case(references: list[str]) -> int:
        rows = await fetch(
            outage_env,
            "casework",
            "SELECT count(DISTINCT report_reference) AS n FROM case_reports "
            "WHERE report_reference = ANY($1::text[])",
            references,
        )
        return len(references) - int(rows[0]["n"])

    async def outage() -> None:
        nonlocal peak, sizes
        await asyncio.sleep(2)
        sizes = _log_sizes(system)
        marks["broker stopping"] = time.monotonic()
        await asyncio.to_thread(servers.rabbitmq.stop_broker)
        marks["broker stopped"] = time.monotonic()
        while time.monotonic() - marks["broker stopped"] < OUTAGE_SECONDS:
            peak = max(peak, await without_case(list(sender.accepted)))
            await asyncio.sleep(0.5)
        marks["broker starting"] = time.monotonic()
        starting = asyncio.create_task(asyncio.to_thread(servers.rabbitmq.start_broker))
        back = marks["broker back"] = await _listening(servers.rabbitmq.port)
        await starting
        # The backlog: every report accepted before the broker came back has its case.
        waiting = [r for r, at in sender.accepted_at.items() if at <= back]
        deadline = back + 120
        while time.monotonic() < deadline:
            left = await without_case(waiting)
            peak = max(peak, left)
            if not left:
                drained["at"] = time.monotonic()
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(1)
        sender.stop.set()

    async with httpx.AsyncClient(timeout=10) as http:
        watch = asyncio.create_task(readiness.watch(http, watching))
        sent, _ = await asyncio.gather(sender.run(http), outage())
        await asyncio.sleep(1)
        watching.set()
        await watch

    stopped, back = marks["broker stopping"], marks["broker back"]
    print(
        f"\nbroker outage: {back - stopped:.1f}s; reports sent {sent}, accepted "
        f"{len(sender.accepted)}; peak backlog {peak} reports without a case; "
        + (
            f"drained {drained['at'] - back:.1f}s after the broker's return"
            if drained
            else "NOT drained within 120 s of the broker's return"
        )
    )
    if drained:
        marks["backlog drained"] = drained["at"]
    readiness.show("broker outage", marks)
    logged = _lines_since(sizes, system)
    errors = {
        name: [line for line in logged.get(name, []) if line.get("level") == "ERROR"]
        for name in workers
    }
    broker_lines = {
        name: [
            f"{line['level']} {line['message'][:120]}"
            for line in logged.get(name, [])
            if line.get("logger") in ("asb_shared.messaging.broker", "asb_shared.loops")
        ]
        for name in workers
    }
    count = sum(len(e) for e in errors.values())
    print(
        f"broker outage: ERROR lines {count} in {len(workers)} workers' reconnects "
        f"({count / len(workers):.1f} per reconnect): "
        f"{[line.get('message', '')[:160] for e in errors.values() for line in e][:10]}"
    )
    for name, lines in broker_lines.items():
        print(f"  {name}: {lines}")

    assert not sender.lost, sender.lost
    assert drained, "the backlog did not drain"
    for name in ("intake-worker", "casework-worker"):
        went_down = readiness.went(name, "not_ready", stopped)
        assert went_down is not None, (name, readiness.changes)
        assert readiness.went(name, "ready", went_down) is not None, (name, readiness.changes)
    # The relay said it could not publish, not "ok".
    assert any(
        who == "intake-worker" and "outbox_relay: failed" in reasons
        for _, who, _, reasons in readiness.changes
    ), readiness.changes
    assert not count, errors
    await assert_nothing_lost_nothing_doubled(system, outage_env, sender.accepted, "broker")
    print(f"broker outage: {time.monotonic() - started:.0f}s in all")
