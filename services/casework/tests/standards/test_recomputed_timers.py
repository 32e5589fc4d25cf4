"""Open timers set under the old rule (a day late for out-of-hours reports) are recomputed by the
migration that fixed it, each change on its case's timeline."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
from asb_shared.db import create_database_if_missing, run_migrations
from asb_shared.testing import TestEnvironment
from casework.main import definition
from casework_timers import utc

BEFORE_THE_FIX = "89a84e5c712a"


async def test_the_migration_moves_late_timers_and_says_so_on_the_timeline(
    test_env: TestEnvironment,
) -> None:
    url = test_env.database_url("casework") + "_recompute"
    await create_database_if_missing(url)
    await asyncio.to_thread(run_migrations, url, definition.migrations_dir, BEFORE_THE_FIX)
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        org = uuid.uuid4()
        late, on_time = uuid.uuid4(), uuid.uuid4()
        for case_id in (late, on_time):
            await conn.execute(
                "INSERT INTO cases (id, organisation_id, status, categories, summary, anonymous)"
                " VALUES ($1, $2, 'open', '{noise}', 'Music', false)",
                case_id,
                org,
            )
        rows = [
            # Friday 27 November 2026, 18:30: the old rule made first contact due Tuesday.
            (
                late,
                "first_contact",
                utc(2026, 11, 27, 18, 30),
                utc(2026, 11, 30, 17),
                utc(2026, 12, 1, 17),
            ),
            # In hours on a Wednesday: the same under both rules.
            (
                on_time,
                "first_contact",
                utc(2026, 11, 25, 10),
                utc(2026, 11, 25, 17),
                utc(2026, 11, 26, 17),
            ),
        ]
        for case_id, kind, started, warn, due in rows:
            await conn.execute(
                "INSERT INTO standards (id, case_id, organisation_id, kind, status, started_at,"
                " warn_at, due_at) VALUES ($1, $2, $3, $4, 'running', $5, $6, $7)",
                uuid.uuid4(),
                case_id,
                org,
                kind,
                started,
                warn,
                due,
            )
        await asyncio.to_thread(run_migrations, url, definition.migrations_dir)

        [moved] = await conn.fetch("SELECT warn_at, due_at FROM standards WHERE case_id = $1", late)
        assert moved["due_at"] == utc(2026, 11, 30, 17)  # Monday at closing time
        assert moved["warn_at"] == utc(2026, 11, 30, 9)  # when the office opens that day
        [entry] = await conn.fetch(
            "SELECT kind, summary, data FROM timeline WHERE case_id = $1", late
        )
        assert entry["kind"] == "standard_recomputed"
        assert "was 2026-12-01T17:00:00+00:00" in entry["summary"]
        [kept] = await conn.fetch("SELECT due_at FROM standards WHERE case_id = $1", on_time)
        assert kept["due_at"] == utc(2026, 11, 26, 17)
        assert await conn.fetch("SELECT 1 FROM timeline WHERE case_id = $1", on_time) == []
        versions = await conn.fetch("SELECT id, version FROM cases ORDER BY version")
        assert {r["id"]: r["version"] for r in versions} == {on_time: 1, late: 2}
    finally:
        await conn.close()
