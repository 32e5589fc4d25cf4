"""Casework insight on one large landlord: search and a year's published measures.

    uv run python bench/insight.py [--years 10] [--per-year 3000] [--runs 200] [--keep]

Makes a database of its own, migrates it, seeds it with ``casework.seeding`` (reproducible from
its seed: ten years at 3,000 cases a year by default), then runs the use cases themselves
(database and Python, no HTTP) as the landlord's officer and prints p50/p95 of each kind of
search and the time to compute a year's measures. The database is dropped afterwards unless
``--keep``. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from asb_shared.auth import Principal, Role
from asb_shared.db import create_database_if_missing, drop_database, run_migrations
from asb_shared.messaging.outbox import Outbox
from asb_shared.usecase import UnitOfWork
from casework.caselist.filters import FindCases
from casework.main import definition
from casework.measures.definitions import Month
from casework.measures.usecases import Measures, published_measures
from casework.search.usecases import SearchCases, search_cases
from casework.seeding.__main__ import default_until, seed
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


def _misspelt(rng: random.Random, name: str) -> str:
    first, last = name.split(" ", 1)
    i = rng.randrange(1, len(last))
    return f"{first[0]} {last[:i]}{last[i + 1 :]}" if len(last) > 3 else name


async def timings(url: str, org: uuid.UUID, runs: int) -> None:
    engine = create_async_engine(url, pool_size=2)
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    actor = Principal(subject="bench", organisation_id=org, roles=frozenset({Role.OFFICER}))
    outbox = Outbox("casework")
    rng = random.Random(1)
    async with sessions() as session:
        names = [r[0] for r in await session.execute(text(
            "SELECT name FROM complainants WHERE organisation_id = :o ORDER BY random() LIMIT :n"
        ), {"o": org, "n": runs})]  # fmt: skip
        places = [r[0] for r in await session.execute(text(
            "SELECT split_part(address, ',', 1) FROM report_index WHERE organisation_id = :o"
            " ORDER BY random() LIMIT :n"), {"o": org, "n": runs})]  # fmt: skip
        refs = [r[0] for r in await session.execute(text(
            "SELECT reference FROM cases WHERE organisation_id = :o ORDER BY random() LIMIT :n"
        ), {"o": org, "n": runs})]  # fmt: skip
        total = await session.scalar(text("SELECT count(*) FROM cases"))

    async def timed(call: Callable[[UnitOfWork], Awaitable[Any]]) -> float:
        async with sessions() as session, session.begin():
            uow = UnitOfWork(session, outbox, actor)
            began = time.perf_counter()
            await call(uow)
            return (time.perf_counter() - began) * 1000

    def search(
        name: str | None = None, address: str | None = None, reference: str | None = None
    ) -> Callable[[UnitOfWork], Awaitable[Any]]:
        command = SearchCases(FindCases(), name=name, address=address, reference=reference)
        return lambda uow: search_cases(uow, command)

    print(f"{total} cases in the database")
    for label, queries in (
        ("name (misspelt, initial)", [search(name=_misspelt(rng, n)) for n in names]),
        ("address", [search(address=p) for p in places]),
        ("reference", [search(reference=r) for r in refs]),
    ):
        times = [await timed(q) for q in queries]
        q = statistics.quantiles(times, n=20)
        print(f"search by {label:26s} p50 {statistics.median(times):7.1f} ms  p95 {q[18]:7.1f} ms")
    year = [
        await timed(lambda uow: published_measures(uow, Measures(Month(2025, 4), Month(2026, 3))))
        for _ in range(5)
    ]
    print(f"a year's measures (2025-04..2026-03)   median {statistics.median(year):7.1f} ms")
    await engine.dispose()


DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:5432/asb_bench_insight"
ORGANISATION = uuid.UUID("00000000-0000-0000-0000-0000000000aa")


async def run(years: int, per_year: int, runs: int, keep: bool) -> None:
    await drop_database(DATABASE)
    await create_database_if_missing(DATABASE)
    try:
        await asyncio.to_thread(run_migrations, DATABASE, definition.migrations_dir)
        began = time.perf_counter()
        written = await seed(
            DATABASE.replace("+asyncpg", ""), ORGANISATION, years, per_year, 11, default_until()
        )
        print(f"seeded {written} cases in {time.perf_counter() - began:.0f} s")
        await timings(DATABASE, ORGANISATION, runs)
    finally:
        if not keep:
            await drop_database(DATABASE)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="bench/insight.py", description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the seeded database")
    args = parser.parse_args()
    asyncio.run(run(args.years, args.per_year, args.runs, args.keep))
