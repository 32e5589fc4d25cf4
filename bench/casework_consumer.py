"""Casework's consumer on its own: CPU per report to open cases from reports already queued.

    uv run python bench/casework_consumer.py [--reports 300] [--batch-size 16] [--concurrency 4]
    uv run python bench/casework_consumer.py --reports 50 --statements   # and the SQL per report

Makes a database and a RabbitMQ vhost of its own, migrates the database, puts ``--reports``
version-2 reports (each its own address and reporter) on the bus as intake would, then starts
casework's real consumer with its real handlers and times how long it takes, and how much CPU
this process uses, until every report has its inbox row. Prints CPU ms per report and the wall
time; never asserts. With ``--statements``, also the SQL statements the consumer sent per report,
by statement (counted with SQLAlchemy's ``before_cursor_execute``; the counting costs CPU too).
The reports are made by a registered landlord, as in the journey. Needs ``rabbitmqctl`` (run as root) for the vhost. Everything it made is
removed at the end.

Run it beside another checkout's copy at the same time to compare two versions under the same
load: the machine's other work inflates CPU times, so only side-by-side figures compare.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import re
import subprocess
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from asb_shared.contracts.common import (
    AsbCategory,
    Channel,
    ContactChannel,
    ContactPreferences,
    Location,
)
from asb_shared.contracts.intake import Reporter, ReportReceivedV2
from asb_shared.db import Database, create_database_if_missing, drop_database, run_migrations
from asb_shared.messaging.broker import Publisher, connect
from asb_shared.messaging.consumer import Consumer
from asb_shared.messaging.outbox import Outbox
from asb_shared.organisations import Organisation, save_organisation
from casework.events import handlers
from casework.organisations.usecases import REFERENCE_KINDS
from sqlalchemy import event

MIGRATIONS = Path(__file__).resolve().parents[1] / "services/casework/src/casework/migrations"
EXCHANGE = "asb.events"


def report(tag: str, n: int) -> ReportReceivedV2:
    return ReportReceivedV2(
        report_id=uuid.uuid4(),
        reference=f"ASB-{tag}{n:05d}",
        channel=Channel.WEB,
        categories=[AsbCategory.NOISE],
        description="Loud music every night from the flat above mine.",
        location=Location(address=f"{n} Long Road", postcode="SK1 1AA"),
        occurred_at=datetime(2026, 11, 20, 23, 0, tzinfo=UTC),
        received_at=datetime.now(UTC),
        anonymous=False,
        reporter=Reporter(
            name=f"Jo {n}",
            email=f"reporter{n}@example.org",
            preferences=ContactPreferences(
                safe=[ContactChannel.EMAIL], preferred=ContactChannel.EMAIL
            ),
        ),
    )


def count_statements(db: Database) -> Counter[str]:
    """Every statement ``db`` sends from now on, by its text (its first line, shortened)."""
    sent: Counter[str] = Counter()

    def before(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent[re.sub(r"\s+", " ", statement)[:400]] += 1

    event.listen(db.engine.sync_engine, "before_cursor_execute", before)
    return sent


def consumer(args: argparse.Namespace, **common: Any) -> Consumer:
    """The consumer, with the batch settings when this version has them."""
    known = inspect.signature(Consumer).parameters
    extra = {"batch_size": args.batch_size, "concurrency": args.concurrency}
    return Consumer(**common, **{k: v for k, v in extra.items() if k in known})


async def run(args: argparse.Namespace, tag: str, vhost: str) -> None:
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/asbcwc_{tag}"
    await create_database_if_missing(url)
    db = Database(url)
    connection = await connect(f"amqp://guest:guest@127.0.0.1:5672/{vhost}", name="bench")
    publisher = Publisher(connection, EXCHANGE)
    raw = None
    try:
        await asyncio.to_thread(run_migrations, url, MIGRATIONS)
        common: dict[str, Any] = {
            "service": "casework",
            "db": db,
            "connection": connection,
            "publisher": publisher,
            "handlers": handlers,
            "exchange_name": EXCHANGE,
            "retry_delays_ms": [1_000],
        }
        declaring = consumer(args, **common)
        await declaring.start()
        await declaring.stop()
        outbox, organisation = Outbox("intake"), uuid.uuid4()
        async with db.transaction() as session:
            landlord = Organisation(organisation, "Bench", "BN", frozenset(), True, 1)
            await save_organisation(session, landlord, reference_kinds=REFERENCE_KINDS)
        for n in range(args.reports):
            env = outbox.envelope(report(tag, n), organisation_id=organisation)
            await publisher.publish(
                env.type, env.model_dump_json().encode(), message_id=str(env.id)
            )
        raw = await asyncpg.connect(url.replace("+asyncpg", ""))
        timed = consumer(args, **common)
        sent = count_statements(db) if args.statements else None
        cpu, wall = time.process_time(), time.monotonic()
        await timed.start()
        while True:
            if await raw.fetchval("SELECT count(*) FROM inbox") >= args.reports:
                break
            await asyncio.sleep(0.05)
        cpu, wall = time.process_time() - cpu, time.monotonic() - wall
        await timed.stop()
        cases = await raw.fetchval("SELECT count(*) FROM cases")
        print(
            f"{args.reports} reports, {cases} cases opened: {1000 * cpu / args.reports:.1f} ms of "
            f"CPU per report in this process, {wall:.1f} s"
        )
        if sent is not None:
            total = sum(sent.values())
            print(f"{total / args.reports:.1f} statements per report:")
            for text, n in sent.most_common():
                print(f"  {n / args.reports:5.2f}  {text}")
    finally:
        if raw is not None:
            await raw.close()
        await publisher.close()
        await connection.close()
        await db.dispose()
        await drop_database(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--statements", action="store_true", help="count the SQL per report")
    args = parser.parse_args()
    tag = uuid.uuid4().hex[:6]
    vhost = f"asbcwc_{tag}"
    subprocess.run(["rabbitmqctl", "-q", "add_vhost", vhost], check=True)
    try:
        subprocess.run(
            ["rabbitmqctl", "-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"],
            check=True,
        )
        asyncio.run(run(args, tag, vhost))
    finally:
        subprocess.run(["rabbitmqctl", "-q", "delete_vhost", vhost], check=False)


if __name__ == "__main__":
    main()
