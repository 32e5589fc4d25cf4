"""What one report leaves behind: bytes in each service's database, bus messages, process memory.

    uv run python -m bench.footprint [--reports 300] [--rate 10]

Starts the whole system (runner.System) on databases and a vhost of its own, waits until it is
ready, then sends ``--reports`` reports to intake's public API at a gentle ``--rate`` (so the
figures are about storage, not overload) and waits for every acknowledgement e-mail and for every
outbox to drain. It prints, per service: the growth of its tables and indexes per report
(``pg_total_relation_size`` summed over its tables, after the run minus before), the events its
outbox published per report and the deliveries its inbox recorded per report; and the resident
memory of each process after the load. The figures go to ``bench/results/footprint-<time>.json``,
which ``bench/capacity.py --footprint`` reads. Databases and vhost are dropped at the end.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any

if not __package__:  # run as a file: make the repository's packages importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg
from asb_devtools.runner import (
    DEV_ORGANISATION,
    SERVICES,
    System,
    SystemConfig,
    development_token,
    register_organisations,
)
from asb_shared.auth.mint import ensure_dev_keys
from asb_shared.db import asyncpg_dsn, drop_database

from bench.journey.client import REPORT_BODY
from bench.journey.common import (
    ACK_SUBJECT,
    AMQP_BASE,
    POSTGRES,
    RESULTS_DIR,
    git_state,
    log,
    rabbitmqctl,
)

NAME = "asbfootprint"
TABLES_SQL = """
SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::bigint FROM pg_stat_user_tables
WHERE relname <> 'alembic_version'
"""


def db_url(service: str) -> str:
    return f"{POSTGRES}/{NAME}_{service.replace('-', '_')}"


def _free_ports(n: int) -> list[int]:
    sockets = [socket.socket() for _ in range(n)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [int(s.getsockname()[1]) for s in sockets]
    finally:
        for s in sockets:
            s.close()


async def _query(service: str, sql: str) -> Any:
    conn = await asyncpg.connect(asyncpg_dsn(db_url(service)))
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


def query(service: str, sql: str) -> Any:
    return asyncio.run(_query(service, sql))


MESSAGING_SQL = (
    "SELECT (pg_total_relation_size('outbox') + pg_total_relation_size('inbox'))::bigint"
)


def table_bytes(sql: str = TABLES_SQL) -> dict[str, int]:
    return {s: int(query(s, sql)) for s in SERVICES}


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def post_report(url: str, n: int, tag: str) -> None:
    body = REPORT_BODY.replace("{n}", f"{tag}.{n}").encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        if answer.status != 201:
            raise RuntimeError(f"report {n}: {answer.status}")


def acknowledged(mail_url: str) -> int:
    with urllib.request.urlopen(f"{mail_url}/api/messages", timeout=30) as answer:
        return sum(1 for m in json.load(answer) if m["subject"].startswith(ACK_SUBJECT))


def wait_until(what: str, done: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not after {timeout:.0f} s")
        time.sleep(1)


def measure(reports: int, rate: float, log_dir: Path) -> dict[str, Any]:
    ports = _free_ports(2 * len(SERVICES) + 2)
    _, public_key = ensure_dev_keys()
    config = SystemConfig(
        ports={s: (ports[2 * i], ports[2 * i + 1]) for i, s in enumerate(SERVICES)},
        smtp_port=ports[-2],
        mail_http_port=ports[-1],
        service_env=lambda service: {
            "DATABASE_URL": db_url(service),
            "AMQP_URL": f"{AMQP_BASE}/{NAME}",
            "PUBLIC_RATE_PER_MINUTE": "0",
            "LOG_JSON": "false",
            "JWT_PUBLIC_KEY_FILE": str(public_key),
        },
        log_dir=log_dir,
        # The services' figures, as before the resident site (bench/site.py measures it).
        site=False,
    )
    with System(config) as system:
        log("migrating and starting the system")
        system.migrate()
        system.start(timeout=120)
        # The development landlord the reports are for, heard of by every service.
        platform = development_token("platform_admin", "bench-platform")
        register_organisations(config, platform, [DEV_ORGANISATION])
        before, messaging_before = table_bytes(), table_bytes(MESSAGING_SQL)
        url = f"{config.api_url('intake')}/v1/reports"
        tag = str(int(time.time()))
        log(f"sending {reports} reports at {rate:g}/s")
        began = time.monotonic()
        for n in range(reports):
            post_report(url, n, tag)
            time.sleep(max(0.0, began + (n + 1) / rate - time.monotonic()))
        wait_until(
            "acknowledgements", lambda: acknowledged(config.mail_url) >= reports, timeout=300
        )
        wait_until(
            "outboxes drained",
            lambda: all(
                query(s, "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0
                for s in SERVICES
            ),
            timeout=120,
        )
        time.sleep(3)  # the last deliveries' inbox rows, after the last publish
        after, messaging_after = table_bytes(), table_bytes(MESSAGING_SQL)
        memory = {name: round(rss_mib(p.pid), 1) for name, p in system.processes.items()}
        per_service = {
            s: {
                "bytes_per_report": round((after[s] - before[s]) / reports),
                # Of which the outbox and inbox, pruned after their retention period.
                "messaging_bytes_per_report": round(
                    (messaging_after[s] - messaging_before[s]) / reports
                ),
                "events_published_per_report": round(
                    query(s, "SELECT count(*) FROM outbox") / reports, 2
                ),
                "deliveries_consumed_per_report": round(
                    query(s, "SELECT count(*) FROM inbox") / reports, 2
                ),
            }
            for s in SERVICES
        }
    return {"reports": reports, "rate": rate, "services": per_service, "rss_mib": memory}


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench/footprint.py", description=__doc__)
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--rate", type=float, default=10.0, help="reports per second")
    args = parser.parse_args()

    for service in SERVICES:
        asyncio.run(drop_database(db_url(service)))
    rabbitmqctl("delete_vhost", NAME)
    rabbitmqctl("add_vhost", NAME)
    rabbitmqctl("set_permissions", "-p", NAME, "guest", ".*", ".*", ".*")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    try:
        figures = measure(args.reports, args.rate, RESULTS_DIR / "logs" / "footprint")
    finally:
        for service in SERVICES:
            asyncio.run(drop_database(db_url(service)))
        rabbitmqctl("delete_vhost", NAME)
    figures = {"started_at": datetime.now().isoformat(), "code": git_state(), **figures}
    out = RESULTS_DIR / f"footprint-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(figures, indent=2))

    print(f"\n{args.reports} reports at {args.rate:g}/s")
    print(
        f"{'service':16s} {'bytes/report':>13s} {'of which bus':>13s}"
        f" {'published/report':>17s} {'consumed/report':>16s}"
    )
    for service, f in figures["services"].items():
        print(
            f"{service:16s} {f['bytes_per_report']:13,d} {f['messaging_bytes_per_report']:13,d}"
            f" {f['events_published_per_report']:17.2f} {f['deliveries_consumed_per_report']:16.2f}"
        )
    print("\nresident memory after the load (MiB)")
    for name, mib in sorted(figures["rss_mib"].items()):
        print(f"  {name:24s} {mib:7.1f}")
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
