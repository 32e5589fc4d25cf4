"""Faults while reports flow: every process crashes once, the broker drops the connections, the
database ends the sessions; afterwards nothing is lost and nothing happened twice.

The whole system runs as real processes (``asb_devtools.runner``), against this run's own
databases and vhost. Reports are sent at a steady rate by a client that retries with its
``Idempotency-Key`` (as a resident's browser would) while, one after the other, each service's
worker and API is killed with SIGKILL and started again, every AMQP connection of this run's vhost
is closed by the broker and every session on this run's databases is terminated. Then:
every accepted report has exactly one case link and one delivered acknowledgement (one email,
however often it was attempted), no outbox holds a backlog and nothing is parked without a reason.
Only what the test itself started, its own vhost's connections and its own databases are touched.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from typing import Any

import asyncpg
import httpx
import pytest
from asb_devtools.runner import SERVICES, System, SystemConfig, landlord, register_organisations
from asb_shared.messaging.broker import connect
from asb_shared.messaging.parked import list_parked
from asb_shared.testing import TestEnvironment, eventually

pytestmark = pytest.mark.e2e

ORG = uuid.uuid4()
REPORTS_PER_SECOND = 4


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture(scope="module")
def faults_env(test_env: TestEnvironment) -> TestEnvironment:
    return test_env.derive("faults")


@pytest.fixture(scope="module")
def system(
    faults_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[System]:
    env = faults_env
    ports = _free_ports(2 * len(SERVICES) + 2)
    config = SystemConfig(
        ports={s: (ports[2 * i], ports[2 * i + 1]) for i, s in enumerate(SERVICES)},
        smtp_port=ports[-2],
        mail_http_port=ports[-1],
        service_env=lambda service: {
            "DATABASE_URL": env.database_url(service),
            "AMQP_URL": env.amqp_url,
            "JWT_ISSUER": env.issuer,
            "JWT_AUDIENCE": env.audience,
            "JWT_PUBLIC_KEY_FILE": str(env.public_key_file),
            "OUTBOX_POLL_SECONDS": "0.5",
            "RETRY_DELAYS_MS": "[500, 2000, 5000]",
            # One client sends every report: the per-address limit would refuse it.
            "PUBLIC_RATE_PER_MINUTE": "0",
        },
        log_dir=tmp_path_factory.mktemp("faults-logs"),
    )
    with System(config) as running:
        running.migrate()
        running.start(timeout=120)
        platform = env.token("platform_admin", organisation_id=ORG, register=False)
        for answer in register_organisations(config, platform, [landlord(ORG, "FLT")]):
            env.remember_organisation(answer)
        yield running


def _report(n: int, email: str) -> dict[str, Any]:
    return {
        "organisation_id": str(ORG),
        "categories": ["noise"],
        "description": f"Loud music from flat {n} late every night this week.",
        "location": {"address": f"{n} Fault Lane, Stockport", "postcode": "SK2 6AA"},
        "occurred_at": "2026-11-21T23:00:00Z",
        "reporter": {"name": "Robin Resident", "email": email, "preferred_channel": "email"},
    }


def _close_vhost_connections(vhost: str) -> int:
    """Close every AMQP connection of ``vhost`` (and only those) from the broker's side."""
    ctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    listed = subprocess.run(
        [ctl, "list_connections", "vhost", "pid", "--quiet", "--no-table-headers"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    closed = 0
    for line in listed.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[0].strip() == vhost:
            subprocess.run(
                [ctl, "close_connection", parts[1].strip(), "fault test"],
                capture_output=True,
                check=False,
                timeout=60,
            )
            closed += 1
    return closed


async def _terminate_sessions(env: TestEnvironment) -> int:
    """End every session on this run's service databases (and only those)."""
    names = [env.database_url(s).rsplit("/", 1)[1] for s in SERVICES]
    admin = env.database_url("x").rsplit("/", 1)[0].replace("+asyncpg", "") + "/postgres"
    conn = await asyncpg.connect(admin)
    try:
        rows = await conn.fetch(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = ANY($1::text[]) AND pid <> pg_backend_pid()",
            names,
        )
    finally:
        await conn.close()
    return len(rows)


async def _fetch(env: TestEnvironment, service: str, sql: str, *args: Any) -> list[Any]:
    for _ in range(10):
        try:
            conn = await asyncpg.connect(env.database_url(service).replace("+asyncpg", ""))
            break
        except asyncpg.TooManyConnectionsError:
            await asyncio.sleep(1)  # the shared server is full for a moment: look again
    else:
        raise AssertionError("PostgreSQL refused every connection")
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


async def test_crashes_dropped_connections_and_ended_sessions_lose_nothing_and_repeat_nothing(
    system: System, faults_env: TestEnvironment
) -> None:
    env = faults_env
    intake = system.config.api_url("intake")
    accepted: dict[str, str] = {}  # report reference -> reporter's email
    lost: list[str] = []
    faults: list[str] = []
    stop = asyncio.Event()
    started = time.monotonic()

    async def send_one(http: httpx.AsyncClient, n: int) -> None:
        email = f"robin+{n}.{uuid.uuid4().hex[:6]}@example.org"
        key = str(uuid.uuid4())
        for _ in range(240):
            try:
                got = await http.post(
                    f"{intake}/v1/reports", json=_report(n, email), headers={"Idempotency-Key": key}
                )
                if got.status_code == 201:
                    accepted[got.json()["reference"]] = email
                    return
                if got.status_code < 500 and got.status_code != 429:
                    lost.append(f"report {n}: {got.status_code} {got.text}")
                    return
            except httpx.TransportError:
                pass  # intake's API is down for a moment: try again, as a browser would
            await asyncio.sleep(0.5)
        lost.append(f"report {n}: never accepted")

    async def send(http: httpx.AsyncClient) -> int:
        tasks: list[asyncio.Task[None]] = []
        n = 0
        while not stop.is_set():
            n += 1
            tasks.append(asyncio.create_task(send_one(http, n)))
            await asyncio.sleep(1 / REPORTS_PER_SECOND)
        await asyncio.gather(*tasks)
        return n

    async def inject() -> None:
        await asyncio.sleep(2)
        for service in SERVICES:
            for role in ("worker", "api"):
                name = f"{service}-{role}"
                await asyncio.to_thread(system.kill, name)
                faults.append(f"kill -9 {name}")
                await asyncio.to_thread(system.restart, name)
                await asyncio.sleep(0.5)
        closed = await asyncio.to_thread(_close_vhost_connections, env.amqp_url.rsplit("/", 1)[1])
        faults.append(f"closed {closed} AMQP connections")
        await asyncio.sleep(2)
        ended = await _terminate_sessions(env)
        faults.append(f"terminated {ended} database sessions")
        await asyncio.sleep(2)
        stop.set()

    async with httpx.AsyncClient(timeout=10) as http:
        sent, _ = await asyncio.gather(send(http), inject())

        assert not lost, lost
        references = list(accepted)
        print(
            f"\nfaults: {len(faults)} injected ({'; '.join(faults)}); reports sent {sent}, "
            f"accepted {len(accepted)} in {time.monotonic() - started:.0f}s"
        )

        async def every_report_has_one_case() -> bool:
            rows = await _fetch(
                env,
                "casework",
                "SELECT report_reference, count(*) AS n FROM case_reports "
                "WHERE report_reference = ANY($1::text[]) GROUP BY report_reference",
                references,
            )
            assert all(r["n"] == 1 for r in rows), rows
            return len(rows) == len(references)

        await eventually(every_report_has_one_case, timeout=180, interval=1)
        print(f"faults: every one of the {len(references)} reports has one case link")

        async def acknowledgements() -> list[Any]:
            rows = await _fetch(
                env,
                "notifications",
                "SELECT reference, count(*) AS n, min(status) AS status "
                "FROM messages WHERE kind = 'report_acknowledgement' "
                "AND reference = ANY($1::text[]) GROUP BY reference",
                references,
            )
            assert all(r["n"] == 1 for r in rows), [r for r in rows if r["n"] != 1]
            return rows if len(rows) == len(references) else []

        await eventually(acknowledgements, timeout=180, interval=1)
        print(f"faults: every one of the {len(references)} reports has one acknowledgement")

        async def all_delivered() -> list[Any]:
            rows = await acknowledgements()
            return rows if rows and all(r["status"] == "delivered" for r in rows) else []

        await eventually(all_delivered, timeout=120, interval=1)

        mails = (await http.get(f"{system.config.mail_url}/api/messages")).json()
        ids: dict[str, set[str]] = {}
        for mail in mails:
            for to in mail["to"]:
                headers = {k.lower(): v for k, v in mail["headers"].items()}
                ids.setdefault(to, set()).add(headers.get("message-id", ""))
        assert all(len(ids.get(email, ())) == 1 for email in accepted.values()), {
            email: ids.get(email) for email in accepted.values() if len(ids.get(email, ())) != 1
        }

    async def no_backlog() -> bool:
        for service in SERVICES:
            rows = await _fetch(
                env, service, "SELECT count(*) AS n FROM outbox WHERE published_at IS NULL"
            )
            if rows[0]["n"]:
                return False
        return True

    await eventually(no_backlog, timeout=60, interval=1)
    print("faults: no outbox backlog")

    connection = await connect(env.amqp_url, name="fault-test")
    try:
        parked = {s: await list_parked(connection, s) for s in SERVICES}
    finally:
        await connection.close()
    unexplained = [m for found in parked.values() for m in found if not m.error]
    assert not unexplained, unexplained
    print(
        f"faults: parked {sum(len(p) for p in parked.values())} (each with its reason); "
        f"{time.monotonic() - started:.0f}s in all"
    )
