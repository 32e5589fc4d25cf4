"""Reports flowing through the whole system as real processes, and the checks that afterwards
nothing was lost and nothing happened twice: shared by the fault tests (one process of each
kind, each crashed once) and the scale test (two of each, sharing the work)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from asb_devtools.runner import SERVICES, System, SystemConfig, landlord, register_organisations
from asb_shared.messaging.broker import connect
from asb_shared.messaging.parked import list_parked
from asb_shared.testing import TestEnvironment, eventually


def system_config(
    env: TestEnvironment,
    log_dir: Path,
    processes: Mapping[str, int] | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> SystemConfig:
    """The whole system on this run's databases and vhost, on free ports."""
    return SystemConfig.on_free_ports(
        lambda service: {
            **env.service_environ(service),
            "OUTBOX_POLL_SECONDS": "0.5",
            "RETRY_DELAYS_MS": "[500, 2000, 5000]",
            # One client sends every report: the per-address limit would refuse it.
            "PUBLIC_RATE_PER_MINUTE": "0",
            # A message whose dispatcher died mid-send is taken over after its lease, and a
            # failed send retried after the base wait: seconds here (a send to the local mail
            # sink takes milliseconds), so the run drains without waiting minutes.
            "SEND_LEASE_SECONDS": "10",
            "RETRY_BASE_SECONDS": "1",
            **(extra_env or {}),
        },
        log_dir,
        processes,
    )


def report(organisation: uuid.UUID, n: int, email: str) -> dict[str, Any]:
    """A report with its own address (so it opens its own case) and its own reporter."""
    return {
        "organisation_id": str(organisation),
        "categories": ["noise"],
        "description": f"Loud music from flat {n} late every night this week.",
        "location": {"address": f"{n} Fault Lane, Stockport", "postcode": "SK2 6AA"},
        "occurred_at": "2026-11-21T23:00:00Z",
        "reporter": {"name": "Robin Resident", "email": email, "preferred_channel": "email"},
    }


@dataclass
class Sender:
    """Sends reports at a steady rate until stopped; each retried with its ``Idempotency-Key``
    (as a resident's browser would) while intake's API is down or busy."""

    url: str
    organisation: uuid.UUID
    per_second: float
    accepted: dict[str, str] = field(default_factory=dict)
    """Report reference -> the reporter's email."""
    lost: list[str] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    async def _one(self, http: httpx.AsyncClient, n: int) -> None:
        email = f"robin+{n}.{uuid.uuid4().hex[:6]}@example.org"
        key = str(uuid.uuid4())
        for _ in range(240):
            try:
                got = await http.post(
                    f"{self.url}/v1/reports",
                    json=report(self.organisation, n, email),
                    headers={"Idempotency-Key": key},
                )
                if got.status_code == 201:
                    self.accepted[got.json()["reference"]] = email
                    return
                if got.status_code < 500 and got.status_code != 429:
                    self.lost.append(f"report {n}: {got.status_code} {got.text}")
                    return
            except httpx.TransportError:
                pass  # intake's API is down for a moment: try again
            await asyncio.sleep(0.5)
        self.lost.append(f"report {n}: never accepted")

    async def run(self, http: httpx.AsyncClient) -> int:
        """Send until ``stop`` is set, then wait for every report's answer; how many were sent."""
        tasks: list[asyncio.Task[None]] = []
        n = 0
        while not self.stop.is_set():
            n += 1
            tasks.append(asyncio.create_task(self._one(http, n)))
            await asyncio.sleep(1 / self.per_second)
        await asyncio.gather(*tasks)
        return n


def close_vhost_connections(vhost: str) -> int:
    """Close every AMQP connection of ``vhost`` (and only those) from the broker's side."""
    listed = rabbitmqctl("list_connections", "vhost", "pid", "--quiet", "--no-table-headers")
    closed = 0
    for line in listed.splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[0].strip() == vhost:
            rabbitmqctl("close_connection", parts[1].strip(), "fault test", check=False)
            closed += 1
    return closed


def queue_consumers(vhost: str) -> dict[str, int]:
    """How many consumers each queue of ``vhost`` has (queues with none are left out)."""
    listed = rabbitmqctl("list_consumers", "-p", vhost, "--quiet", "--no-table-headers")
    out: dict[str, int] = {}
    for line in listed.splitlines():
        queue = line.split("\t", 1)[0].strip()
        if queue:
            out[queue] = out.get(queue, 0) + 1
    return out


def rabbitmqctl(*args: str, check: bool = True) -> str:
    ctl = shutil.which("rabbitmqctl") or "/usr/sbin/rabbitmqctl"
    return subprocess.run(
        [ctl, *args], capture_output=True, text=True, check=check, timeout=60
    ).stdout


async def terminate_sessions(env: TestEnvironment) -> int:
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


async def fetch(env: TestEnvironment, service: str, sql: str, *args: Any) -> list[Any]:
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


async def assert_nothing_lost_nothing_doubled(
    system: System, env: TestEnvironment, accepted: Mapping[str, str], label: str
) -> None:
    """Every accepted report has exactly one case link and one delivered acknowledgement (one
    email, however often it was attempted); no outbox holds a backlog; nothing is parked
    without a reason."""
    references = list(accepted)

    async def every_report_has_one_case() -> bool:
        rows = await fetch(
            env,
            "casework",
            "SELECT report_reference, count(*) AS n FROM case_reports "
            "WHERE report_reference = ANY($1::text[]) GROUP BY report_reference",
            references,
        )
        assert all(r["n"] == 1 for r in rows), rows
        return len(rows) == len(references)

    await eventually(every_report_has_one_case, timeout=180, interval=1)
    print(f"{label}: every one of the {len(references)} reports has one case link")

    async def acknowledgements() -> list[Any]:
        rows = await fetch(
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
    print(f"{label}: every one of the {len(references)} reports has one acknowledgement")

    async def all_delivered() -> list[Any]:
        rows = await acknowledgements()
        return rows if rows and all(r["status"] == "delivered" for r in rows) else []

    await eventually(all_delivered, timeout=120, interval=1)

    async with httpx.AsyncClient(timeout=30) as http:
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
            rows = await fetch(
                env, service, "SELECT count(*) AS n FROM outbox WHERE published_at IS NULL"
            )
            if rows[0]["n"]:
                return False
        return True

    await eventually(no_backlog, timeout=60, interval=1)
    print(f"{label}: no outbox backlog")

    connection = await connect(env.amqp_url, name=f"{label}-test")
    try:
        parked = {s: await list_parked(connection, s) for s in SERVICES}
    finally:
        await connection.close()
    unexplained = [m for found in parked.values() for m in found if not m.error]
    assert not unexplained, unexplained
    print(f"{label}: parked {sum(len(p) for p in parked.values())} (each with its reason)")


def register_landlord(
    env: TestEnvironment, config: SystemConfig, org: uuid.UUID, prefix: str
) -> None:
    """The run's landlord, registered as a platform admin would, heard of by every service."""
    platform = env.token("platform_admin", organisation_id=org, register=False)
    for answer in register_organisations(config, platform, [landlord(org, prefix)]):
        env.remember_organisation(answer)
