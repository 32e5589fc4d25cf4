"""The standards clock warns before a standard is due and records its breach, once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from asb_shared.db import Database
from asb_shared.service import WorkerContext
from asb_shared.testing import TestEnvironment, eventually
from casework.main import definition
from casework.standards import timers
from casework.standards.clock import standards_clock
from casework.standards.models import Standard
from casework.standards.policy import (
    StandardKind,
)
from casework_timers import (
    add_standard,
    by_status,
    events,
    hook,
    long_ago,
    new_case,
    settle,
    standards_of,
    tick,
    timeline,
    version_of,
)
from sqlalchemy import update


async def test_a_standard_breaches_when_no_contact_is_recorded(db: Database) -> None:
    case = await new_case(db)
    await hook(db, case.id, timers.on_case_opened, long_ago())
    version = await version_of(db, case.id)

    _, breached = await settle(db)

    assert breached >= 5
    assert await by_status(db, case.id, "breached") == {
        "first_contact",
        "action_plan",
        "case_update",
        "manager_review",
        "risk_reassessment",
    }
    for s in await standards_of(db, case.id):
        assert s.breached_at is not None and s.breached_at >= s.due_at
        assert s.warned_at is None  # past due when first seen: breached, not warned
    sent = await events(db, "casework.standard.breached", case.id)
    assert {e["kind"] for e in sent} == {
        "first_contact",
        "action_plan",
        "case_update",
        "manager_review",
        "risk_reassessment",
    }
    first = next(e for e in sent if e["kind"] == "first_contact")
    assert first["case_reference"] == case.reference
    assert first["officer_id"] == "officer-1"
    entries = await timeline(db, case.id, "standard_breached")
    assert {e.data["kind"] for e in entries} == {
        "first_contact",
        "action_plan",
        "case_update",
        "manager_review",
        "risk_reassessment",
    }
    assert all(e.actor == "system" for e in entries)
    assert await version_of(db, case.id) == version + 5
    assert await events(db, "casework.standard.warning", case.id) == []

    # Breached is final: the next tick does nothing more for this case.
    await settle(db)
    assert len(await events(db, "casework.standard.breached", case.id)) == 5


async def test_a_warning_comes_before_the_breach(db: Database) -> None:
    case = await new_case(db)
    now = datetime.now(UTC)
    standard_id = await add_standard(
        db,
        case,
        StandardKind.CASE_UPDATE,
        warn_at=now - timedelta(minutes=1),
        due_at=now + timedelta(hours=1),
    )

    await settle(db)
    [standard] = await standards_of(db, case.id)
    assert standard.status == "running" and standard.warned_at is not None
    [warning] = await events(db, "casework.standard.warning", case.id)
    assert warning["standard_id"] == str(standard_id)
    assert warning["kind"] == "case_update"
    assert len(await timeline(db, case.id, "standard_warning")) == 1
    assert await events(db, "casework.standard.breached", case.id) == []

    await settle(db)  # warned once only
    assert len(await events(db, "casework.standard.warning", case.id)) == 1

    async with db.transaction() as session:
        await session.execute(
            update(Standard)
            .where(Standard.id == standard_id)
            .values(due_at=now - timedelta(seconds=1))
        )
    await settle(db)
    [standard] = await standards_of(db, case.id)
    assert standard.status == "breached"
    assert len(await events(db, "casework.standard.breached", case.id)) == 1
    assert len(await events(db, "casework.standard.warning", case.id)) == 1
    assert len(await timeline(db, case.id, "standard_breached")) == 1


async def test_a_timer_not_yet_due_is_left_alone(db: Database) -> None:
    case = await new_case(db)
    now = datetime.now(UTC)
    await add_standard(
        db,
        case,
        StandardKind.MANAGER_REVIEW,
        warn_at=now + timedelta(hours=1),
        due_at=now + timedelta(hours=2),
    )
    await settle(db)
    [standard] = await standards_of(db, case.id)
    assert (standard.status, standard.warned_at) == ("running", None)
    assert await timeline(db, case.id, "standard_warning") == []


async def test_two_workers_never_fire_one_timer_twice(db_url: str, db: Database) -> None:
    now = datetime.now(UTC)
    cases = [await new_case(db) for _ in range(25)]
    ids: set[str] = set()
    for case in cases:
        for kind in (StandardKind.CASE_UPDATE, StandardKind.MANAGER_REVIEW):
            ids.add(
                str(
                    await add_standard(
                        db,
                        case,
                        kind,
                        warn_at=now - timedelta(hours=2),
                        due_at=now - timedelta(hours=1),
                    )
                )
            )
    assert len(ids) == 50

    workers = [Database(db_url, pool_size=4) for _ in range(3)]

    async def drain(worker: Database) -> int:
        handled = 0
        while True:
            _, breached = await tick(worker, batch=7)
            if not breached:
                return handled
            handled += breached

    try:
        await asyncio.gather(*(drain(w) for w in workers for _ in range(4)))
        await drain(workers[0])  # anything skipped while its case was locked
    finally:
        for worker in workers:
            await worker.dispose()

    sent = [
        e["standard_id"]
        for case in cases
        for e in await events(db, "casework.standard.breached", case.id)
    ]
    assert len(sent) == 50
    assert set(sent) == ids
    for case in cases:
        assert await by_status(db, case.id, "breached") == {"case_update", "manager_review"}
        assert len(await timeline(db, case.id, "standard_breached")) == 2
        assert await version_of(db, case.id) == case.version + 2


async def test_the_clock_runs_until_stopped(test_env: TestEnvironment, db: Database) -> None:
    settings = test_env.settings(definition, standards_clock_seconds=0.05)
    stop = asyncio.Event()
    context = WorkerContext(settings, db, None, stop)  # type: ignore[arg-type]
    clock = asyncio.create_task(standards_clock(context))
    try:
        case = await new_case(db)
        now = datetime.now(UTC)
        await add_standard(
            db,
            case,
            StandardKind.FIRST_CONTACT,
            warn_at=now - timedelta(minutes=2),
            due_at=now - timedelta(minutes=1),
        )

        async def breached() -> set[str]:
            return await by_status(db, case.id, "breached")

        assert await eventually(breached, timeout=5) == {"first_contact"}
    finally:
        stop.set()
        await asyncio.wait_for(clock, timeout=2)
