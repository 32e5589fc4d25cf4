"""Service standards: the rules (pure), the timers the actions start and meet, and the clock."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.service import WorkerContext
from asb_shared.testing import TestEnvironment, eventually, migrated_database
from casework import timers
from casework.main import definition
from casework.models import Case, Standard, TimelineEntry
from casework.standards import (
    Deadline,
    StandardKind,
    contact_frequency_days,
    deadline,
    deadline_after,
    working_days_for,
)
from sqlalchemy import select, text, update

OUTBOX = Outbox("casework")
ALL_KINDS = {k.value for k in StandardKind}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


# -- the rules ----------------------------------------------------------------------------------


def test_first_contact_is_due_by_closing_time_the_next_working_day() -> None:
    # Friday 27 November 2026, 10:00 (GMT, so London time is UTC): due Monday 17:00.
    assert deadline(StandardKind.FIRST_CONTACT, utc(2026, 11, 27, 10, 0)) == Deadline(
        warn_at=utc(2026, 11, 27, 17, 0), due_at=utc(2026, 11, 30, 17, 0)
    )


def test_a_report_on_friday_evening_counts_from_monday_morning() -> None:
    # Friday 18:30 is out of hours: it counts from Monday 09:00, so first contact is due
    # Tuesday at 17:00, with the warning on Monday at 17:00.
    assert deadline(StandardKind.FIRST_CONTACT, utc(2026, 11, 27, 18, 30)) == Deadline(
        warn_at=utc(2026, 11, 30, 17, 0), due_at=utc(2026, 12, 1, 17, 0)
    )
    # The same in summer time: 17:00 London is 16:00 UTC.
    friday_evening_bst = utc(2026, 6, 5, 17, 0)  # 18:00 London
    assert deadline(StandardKind.FIRST_CONTACT, friday_evening_bst).due_at == utc(2026, 6, 9, 16, 0)


def test_bank_holidays_do_not_count() -> None:
    # Thursday before Easter 2026, evening: Good Friday and Easter Monday are bank holidays, so
    # the clock starts Tuesday 7 April and first contact is due Wednesday 8 April, 17:00 BST.
    assert deadline(StandardKind.FIRST_CONTACT, utc(2026, 4, 2, 18, 0)) == Deadline(
        warn_at=utc(2026, 4, 7, 16, 0), due_at=utc(2026, 4, 8, 16, 0)
    )


def test_contact_frequency_is_as_agreed_default_ten_and_at_least_weekly_at_high_risk() -> None:
    assert contact_frequency_days(None, "standard") == 10
    assert contact_frequency_days(15, "medium") == 15
    assert contact_frequency_days(3, "standard") == 3
    assert contact_frequency_days(None, "high") == 5
    assert contact_frequency_days(10, "high") == 5
    assert contact_frequency_days(3, "high") == 3
    with pytest.raises(ValueError):
        contact_frequency_days(0, "standard")


def test_each_standard_allows_its_working_days() -> None:
    assert working_days_for(StandardKind.FIRST_CONTACT) == 1
    assert working_days_for(StandardKind.ACTION_PLAN) == 10
    assert working_days_for(StandardKind.ACTION_PLAN, action_plan_days=15) == 15
    assert working_days_for(StandardKind.CONTACT_FREQUENCY) == 10
    assert working_days_for(StandardKind.CONTACT_FREQUENCY, risk_level="high") == 5
    assert working_days_for("contact_frequency", contact_frequency=7) == 7
    assert working_days_for(StandardKind.CASE_UPDATE) == 10
    assert working_days_for(StandardKind.MANAGER_REVIEW) == 20
    with pytest.raises(ValueError):
        working_days_for("not_a_standard")


def test_high_risk_contact_is_weekly_in_working_days() -> None:
    # A contact on Monday 23 November 2026 at 11:00: the next is due the following Monday 17:00
    # (5 working days) and warned on Friday 17:00.
    monday = utc(2026, 11, 23, 11, 0)
    assert deadline(StandardKind.CONTACT_FREQUENCY, monday, risk_level="high") == Deadline(
        warn_at=utc(2026, 11, 27, 17, 0), due_at=utc(2026, 11, 30, 17, 0)
    )
    assert deadline(StandardKind.CONTACT_FREQUENCY, monday).due_at == utc(2026, 12, 7, 17, 0)
    assert deadline(StandardKind.MANAGER_REVIEW, monday).due_at == utc(2026, 12, 21, 17, 0)
    # Christmas Day, Boxing Day (moved to Monday 28th) and New Year's Day do not count.
    assert deadline(StandardKind.CASE_UPDATE, utc(2026, 12, 21, 11, 0)).due_at == utc(
        2027, 1, 7, 17, 0
    )
    with pytest.raises(ValueError):
        deadline_after(monday, 0)


# -- the timers, on the real database -----------------------------------------------------------


@pytest.fixture(scope="module")
async def db_url(test_env: TestEnvironment) -> str:
    return await migrated_database(test_env, definition)


@pytest.fixture(scope="module")
async def db(db_url: str) -> AsyncIterator[Database]:
    database = Database(db_url, pool_size=4)
    try:
        yield database
    finally:
        await database.dispose()


async def new_case(db: Database, **values: Any) -> Case:
    fields: dict[str, Any] = {
        "organisation_id": uuid.uuid4(),
        "status": "open",
        "categories": ["noise"],
        "summary": "Loud music every night from the flat above mine.",
        "anonymous": False,
        "complainant_name": "Jo",
        "complainant_email": "jo@example.org",
        "officer_id": "officer-1",
    }
    fields.update(values)
    async with db.transaction() as session:
        case = Case(**fields)
        session.add(case)
        await session.flush()
        await session.refresh(case)
    return case


async def hook(db: Database, case_id: uuid.UUID, action: Any, *args: Any) -> None:
    """Run a timers hook as an action would: the case locked, in one transaction."""
    async with db.transaction() as session:
        case = await session.scalar(select(Case).where(Case.id == case_id).with_for_update())
        assert case is not None
        await action(session, case, *args)


async def standards_of(db: Database, case_id: uuid.UUID) -> list[Standard]:
    async with db.sessions() as session:
        return list(
            await session.scalars(
                select(Standard).where(Standard.case_id == case_id).order_by(Standard.started_at)
            )
        )


async def by_status(db: Database, case_id: uuid.UUID, status: str) -> set[str]:
    return {s.kind for s in await standards_of(db, case_id) if s.status == status}


async def running(db: Database, case_id: uuid.UUID, kind: StandardKind) -> Standard:
    [standard] = [
        s for s in await standards_of(db, case_id) if s.kind == kind and s.status == "running"
    ]
    return standard


async def events(db: Database, event_type: str, case_id: uuid.UUID) -> list[dict[str, Any]]:
    async with db.sessions() as session:
        rows = await session.execute(
            text(
                "SELECT payload::jsonb->'data' FROM outbox WHERE routing_key = :type "
                "AND payload::jsonb->'data'->>'case_id' = :case_id"
            ),
            {"type": event_type, "case_id": str(case_id)},
        )
        return [row[0] for row in rows]


async def timeline(db: Database, case_id: uuid.UUID, kind: str) -> list[TimelineEntry]:
    async with db.sessions() as session:
        return list(
            await session.scalars(
                select(TimelineEntry).where(
                    TimelineEntry.case_id == case_id, TimelineEntry.kind == kind
                )
            )
        )


async def version_of(db: Database, case_id: uuid.UUID) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(Case.version).where(Case.id == case_id)) or 0)


async def add_standard(
    db: Database, case: Case, kind: StandardKind, *, warn_at: datetime, due_at: datetime
) -> uuid.UUID:
    async with db.transaction() as session:
        standard = Standard(
            case_id=case.id,
            organisation_id=case.organisation_id,
            kind=kind.value,
            status="running",
            started_at=min(warn_at, due_at) - timedelta(days=1),
            warn_at=warn_at,
            due_at=due_at,
        )
        session.add(standard)
        await session.flush()
        return standard.id


async def settle(db: Database) -> tuple[int, int]:
    """Run the clock until nothing more is due (other tests' timers share the database)."""
    warned = breached = 0
    while True:
        w, b = await timers.tick(db, OUTBOX, batch=100)
        warned, breached = warned + w, breached + b
        if w < 100 and b < 100:
            return warned, breached


def long_ago() -> datetime:
    """Far enough back that every standard started then is past due (even over Christmas)."""
    return datetime.now(UTC) - timedelta(days=60)


async def test_opening_a_case_starts_its_standards_from_the_report(db: Database) -> None:
    case = await new_case(db)
    received = datetime.now(UTC) - timedelta(hours=1)
    await hook(db, case.id, timers.on_case_opened, received)
    started = await standards_of(db, case.id)
    assert {s.kind for s in started} == {
        "first_contact",
        "action_plan",
        "case_update",
        "manager_review",
    }
    for s in started:
        assert s.status == "running"
        assert s.started_at == received
        assert (s.warn_at, s.due_at) == deadline(s.kind, received)


async def test_an_anonymous_report_with_no_contact_details_has_no_first_contact_to_make(
    db: Database,
) -> None:
    case = await new_case(
        db, anonymous=True, complainant_name=None, complainant_email=None, complainant_phone=None
    )
    await hook(db, case.id, timers.on_case_opened, datetime.now(UTC))
    assert await by_status(db, case.id, "running") == {
        "action_plan",
        "case_update",
        "manager_review",
    }


async def test_a_standard_breaches_when_no_contact_is_recorded(db: Database) -> None:
    case = await new_case(db)
    await hook(db, case.id, timers.on_case_opened, long_ago())
    version = await version_of(db, case.id)

    _, breached = await settle(db)

    assert breached >= 4
    assert await by_status(db, case.id, "breached") == {
        "first_contact",
        "action_plan",
        "case_update",
        "manager_review",
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
    }
    assert all(e.actor == "system" for e in entries)
    assert await version_of(db, case.id) == version + 4
    assert await events(db, "casework.standard.warning", case.id) == []

    # Breached is final: the next tick does nothing more for this case.
    await settle(db)
    assert len(await events(db, "casework.standard.breached", case.id)) == 4


async def test_a_contact_recorded_in_time_meets_first_contact(db: Database) -> None:
    case = await new_case(db)
    received = long_ago()
    await hook(db, case.id, timers.on_case_opened, received)
    contacted = received + timedelta(hours=1)
    await hook(db, case.id, timers.on_contact_recorded, "complainant", contacted)

    [first] = [s for s in await standards_of(db, case.id) if s.kind == "first_contact"]
    assert (first.status, first.met_at) == ("met", contacted)
    frequency = await running(db, case.id, StandardKind.CONTACT_FREQUENCY)
    assert frequency.started_at == contacted
    assert frequency.due_at == deadline(StandardKind.CONTACT_FREQUENCY, contacted).due_at

    await settle(db)

    breached = {e["kind"] for e in await events(db, "casework.standard.breached", case.id)}
    assert "first_contact" not in breached
    # The clock did run on the case: the contact that followed was never made.
    assert "contact_frequency" in breached
    [first] = [s for s in await standards_of(db, case.id) if s.kind == "first_contact"]
    assert first.status == "met"


async def test_a_contact_with_someone_else_is_an_update_but_not_first_contact(
    db: Database,
) -> None:
    case = await new_case(db)
    now = datetime.now(UTC)
    await hook(db, case.id, timers.on_case_opened, now - timedelta(minutes=5))
    update_before = await running(db, case.id, StandardKind.CASE_UPDATE)
    await hook(db, case.id, timers.on_contact_recorded, "perpetrator", now)

    await running(db, case.id, StandardKind.FIRST_CONTACT)  # still running
    assert "contact_frequency" not in {s.kind for s in await standards_of(db, case.id)}
    update_after = await running(db, case.id, StandardKind.CASE_UPDATE)
    assert update_after.id != update_before.id
    assert update_after.started_at == now
    [old] = [s for s in await standards_of(db, case.id) if s.id == update_before.id]
    assert (old.status, old.met_at) == ("met", now)


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
            _, breached = await timers.tick(worker, OUTBOX, batch=7)
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


async def test_closing_cancels_running_timers(db: Database) -> None:
    case = await new_case(db)
    await hook(db, case.id, timers.on_case_opened, long_ago())
    await hook(db, case.id, timers.on_contact_recorded, "complainant", long_ago())
    await hook(db, case.id, timers.on_closed, datetime.now(UTC))

    assert await by_status(db, case.id, "running") == set()
    assert await by_status(db, case.id, "cancelled") == {
        "action_plan",
        "case_update",
        "manager_review",
        "contact_frequency",
    }
    await settle(db)
    assert await events(db, "casework.standard.breached", case.id) == []
    assert await timeline(db, case.id, "standard_breached") == []


async def test_an_agreed_action_plan_meets_its_standard_and_sets_the_contact_frequency(
    db: Database,
) -> None:
    case = await new_case(db)
    received = datetime.now(UTC) - timedelta(hours=2)
    await hook(db, case.id, timers.on_case_opened, received)
    await hook(db, case.id, timers.on_contact_recorded, "complainant", received)
    agreed = datetime.now(UTC)
    await hook(db, case.id, timers.on_action_plan_agreed, 15, agreed)

    assert await by_status(db, case.id, "met") >= {"action_plan", "first_contact"}
    frequency = await running(db, case.id, StandardKind.CONTACT_FREQUENCY)
    assert frequency.started_at == agreed
    assert frequency.due_at == deadline_after(agreed, 15).due_at
    kinds = [s.kind for s in await standards_of(db, case.id) if s.status == "running"]
    assert sorted(kinds) == sorted(set(kinds))  # one running timer per kind


async def test_high_risk_tightens_contact_to_weekly(db: Database) -> None:
    case = await new_case(db, contact_frequency_days=15)
    now = datetime.now(UTC)
    await hook(db, case.id, timers.on_case_opened, now - timedelta(minutes=10))
    await hook(db, case.id, timers.on_action_plan_agreed, 15, now - timedelta(minutes=5))
    slow = await running(db, case.id, StandardKind.CONTACT_FREQUENCY)
    assert slow.due_at == deadline_after(now - timedelta(minutes=5), 15).due_at

    async def raise_risk(session: Any, case: Case, at: datetime) -> None:
        case.risk_level = "high"
        await timers.on_risk_changed(session, case, "high", at)

    await hook(db, case.id, raise_risk, now)
    weekly = await running(db, case.id, StandardKind.CONTACT_FREQUENCY)
    assert weekly.id != slow.id
    assert weekly.due_at == deadline_after(now, 5).due_at
    [old] = [s for s in await standards_of(db, case.id) if s.id == slow.id]
    assert old.status == "cancelled"

    # Assessed high again: the running weekly timer is already due sooner, so it stays.
    await hook(db, case.id, timers.on_risk_changed, "high", now + timedelta(hours=1))
    assert (await running(db, case.id, StandardKind.CONTACT_FREQUENCY)).id == weekly.id
    # The next contact restarts it, still weekly.
    later = now + timedelta(hours=2)
    await hook(db, case.id, timers.on_contact_recorded, "complainant", later)
    assert (await running(db, case.id, StandardKind.CONTACT_FREQUENCY)).due_at == deadline_after(
        later, 5
    ).due_at
    # A lower level changes nothing until the next contact.
    await hook(db, case.id, timers.on_risk_changed, "medium", later)
    assert (await running(db, case.id, StandardKind.CONTACT_FREQUENCY)).due_at == deadline_after(
        later, 5
    ).due_at


async def test_updates_and_reviews_restart_their_clocks(db: Database) -> None:
    case = await new_case(db)
    now = datetime.now(UTC)
    await hook(db, case.id, timers.on_case_opened, now - timedelta(hours=1))
    await hook(db, case.id, timers.on_case_updated, now)
    await hook(db, case.id, timers.on_manager_review, now)
    for kind in (StandardKind.CASE_UPDATE, StandardKind.MANAGER_REVIEW):
        current = await running(db, case.id, kind)
        assert (current.started_at, current.due_at) == (now, deadline(kind, now).due_at)
        [previous] = [
            s for s in await standards_of(db, case.id) if s.kind == kind and s.id != current.id
        ]
        assert (previous.status, previous.met_at) == ("met", now)


async def test_reopening_starts_the_standards_again(db: Database) -> None:
    now = datetime.now(UTC)
    # Contacted and planned before closing: contact frequency, updates and review restart.
    case = await new_case(db)
    await hook(db, case.id, timers.on_case_opened, now - timedelta(hours=3))
    await hook(db, case.id, timers.on_contact_recorded, "complainant", now - timedelta(hours=2))
    await hook(db, case.id, timers.on_action_plan_agreed, 10, now - timedelta(hours=2))
    await hook(db, case.id, timers.on_closed, now - timedelta(hours=1))
    await hook(db, case.id, timers.on_reopened, now)
    assert await by_status(db, case.id, "running") == {
        "contact_frequency",
        "case_update",
        "manager_review",
    }
    # Closed at triage, never contacted: first contact and the action plan start again.
    other = await new_case(db)
    await hook(db, other.id, timers.on_case_opened, now - timedelta(hours=3))
    await hook(db, other.id, timers.on_closed, now - timedelta(hours=1))
    await hook(db, other.id, timers.on_reopened, now)
    assert await by_status(db, other.id, "running") == {
        "first_contact",
        "action_plan",
        "case_update",
        "manager_review",
    }
    assert (await running(db, other.id, StandardKind.FIRST_CONTACT)).started_at == now


async def test_the_clock_runs_until_stopped(
    test_env: TestEnvironment, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timers, "CLOCK_SECONDS", 0.05)
    stop = asyncio.Event()
    context = WorkerContext(test_env.settings(definition), db, None, stop)  # type: ignore[arg-type]
    clock = asyncio.create_task(timers.standards_clock(context))
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


def test_a_warning_never_comes_before_the_clock_starts() -> None:
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    friday_evening = datetime(2026, 11, 27, 17, 5, tzinfo=london)
    when = deadline_after(friday_evening, 1)
    assert when.due_at == datetime(2026, 12, 1, 17, 0, tzinfo=london)  # the clock starts Monday
    assert when.warn_at == datetime(2026, 11, 30, 17, 0, tzinfo=london)
    for hour in (7, 9, 12, 16, 18, 23):
        arrived = datetime(2026, 11, 23, hour, 30, tzinfo=london)
        assert deadline_after(arrived, 1).warn_at > arrived
