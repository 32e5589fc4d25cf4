"""``python -m casework.seeding.timing``: time search and a year's measures on seeded data.

Runs the use cases themselves (database and Python, no HTTP) as the landlord's officer, and
prints p50/p95 of each kind of search and the time to compute a year's measures.
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
from asb_shared.messaging.outbox import Outbox
from asb_shared.usecase import UnitOfWork
from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ..cases.reading import FindCases
from ..measures.definitions import Month
from ..measures.usecases import Measures, published_measures
from ..search.usecases import SearchCases, search_cases


def _misspelt(rng: random.Random, name: str) -> str:
    first, last = name.split(" ", 1)
    i = rng.randrange(1, len(last))
    return f"{first[0]} {last[:i]}{last[i + 1 :]}" if len(last) > 3 else name


async def main(url: str, org: uuid.UUID, runs: int) -> None:
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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m casework.seeding.timing")
    parser.add_argument("--database-url", required=True, help="postgresql+asyncpg://…")
    parser.add_argument("--organisation", type=uuid.UUID, required=True)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(main(args.database_url, args.organisation, args.runs))
