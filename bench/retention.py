"""The retention run on the insight data set: the time to apply one year of expiries.

    uv run python bench/retention.py [--years 10] [--per-year 3000] [--batch 50] [--keep]

Makes a database of its own, migrates it and seeds it with ``casework.seeding`` exactly as
``bench/insight.py`` does (ten years at 3,000 cases a year: 30,000 cases), then picks the day
on which the first year's closed cases reach the end of their six years (and a year more, so a
whole year of closures is due), times the dry run of that day, then the real run: the worker's
use case itself (``apply_expiries``), batch after batch of ``--batch`` cases claimed
``FOR UPDATE SKIP LOCKED``, pseudonymised and announced in the outbox, until nothing more is
due. Prints the cases, the time and the time per case. The database is dropped afterwards
unless ``--keep``. Last, the time of three erasures in casework (each searches every text
column of every table for the person's details). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from datetime import date

from asb_shared.auth import Principal, Role
from asb_shared.db import Database, create_database_if_missing, drop_database, run_migrations
from asb_shared.messaging.outbox import Outbox
from asb_shared.retention import DEFAULT_SCHEDULE
from asb_shared.usecase import Transactions
from casework.main import definition
from casework.retention.requests import Decision, RequestKind
from casework.retention.usecases import (
    ApplyExpiries,
    DecideRequest,
    PreviewExpiries,
    apply_expiries,
    decide_request,
    preview_expiries,
)
from casework.seeding.__main__ import default_until, seed
from sqlalchemy import text

DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:5432/asb_bench_retention"
ORGANISATION = uuid.UUID("00000000-0000-0000-0000-0000000000ab")


async def timings(url: str, batch: int) -> None:
    db = Database(url, pool_size=2)
    transactions = Transactions(db, Outbox("casework"))
    admin = Principal(subject="bench", organisation_id=ORGANISATION, roles=frozenset({Role.ADMIN}))
    try:
        async with db.transaction() as session:
            total = await session.scalar(text("SELECT count(*) FROM cases"))
            first: date | None = await session.scalar(
                text("SELECT min(closed_at)::date FROM cases WHERE closed_at IS NOT NULL")
            )
        assert first is not None, "the seeding closed no case"
        kept_for = DEFAULT_SCHEDULE.closed_case.kept_for
        on = kept_for.after(date(first.year + 1, first.month, 1))
        print(f"{total} cases in the database; the run of {on.isoformat()}")

        began = time.perf_counter()
        async with transactions(admin) as uow:
            listed = await preview_expiries(uow, PreviewExpiries(on))
        dry = time.perf_counter() - began
        print(f"dry run: {len(listed)} cases due, listed in {dry * 1000:.0f} ms")

        began = time.perf_counter()
        done = batches = 0
        while True:
            async with transactions() as uow:
                applied = await apply_expiries(uow, ApplyExpiries(on, batch=batch))
            if not applied:
                break
            done += len(applied)
            batches += 1
        spent = time.perf_counter() - began
        per_case = spent / done * 1000 if done else 0.0
        print(
            f"real run: {done} cases pseudonymised and announced in {spent:.1f} s "
            f"({batches} batches of up to {batch}; {per_case:.1f} ms a case)"
        )
        async with db.transaction() as session:
            events = await session.scalar(
                text("SELECT count(*) FROM outbox WHERE routing_key = 'casework.case.expired'")
            )
        print(f"{events} casework.case.expired events in the outbox")

        # An erasure searches every text column of every table (asb_shared.erasure): its cost.
        async with db.transaction() as session:
            people = list(
                await session.scalars(
                    text(
                        "SELECT c.id FROM complainants c JOIN cases k ON k.id = c.case_id"
                        " WHERE c.name IS NOT NULL AND k.legal_hold_at IS NULL"
                        " ORDER BY c.id LIMIT 3"
                    )
                )
            )
        officer = Principal(
            subject="bench", organisation_id=ORGANISATION, roles=frozenset({Role.OFFICER})
        )
        for person in people:
            began = time.perf_counter()
            async with transactions(officer) as uow:
                await decide_request(
                    uow,
                    DecideRequest(
                        RequestKind.ERASURE,
                        [person],
                        Decision.GRANTED,
                        "The complainant asked in writing.",
                    ),
                )
            print(f"an erasure carried out in casework: {time.perf_counter() - began:.1f} s")
    finally:
        await db.dispose()


async def run(years: int, per_year: int, batch: int, keep: bool) -> None:
    await drop_database(DATABASE)
    await create_database_if_missing(DATABASE)
    try:
        await asyncio.to_thread(run_migrations, DATABASE, definition.migrations_dir)
        began = time.perf_counter()
        written = await seed(
            DATABASE.replace("+asyncpg", ""), ORGANISATION, years, per_year, 11, default_until()
        )
        print(f"seeded {written} cases in {time.perf_counter() - began:.0f} s")
        await timings(DATABASE, batch)
    finally:
        if not keep:
            await drop_database(DATABASE)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="bench/retention.py", description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the seeded database")
    args = parser.parse_args()
    asyncio.run(run(args.years, args.per_year, args.batch, args.keep))
