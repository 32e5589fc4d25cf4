"""The timers that what happens on a case starts, meets, restarts and cancels (real database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from asb_shared.db import Database
from casework.cases.models import Case
from casework.standards import timers
from casework.standards.policy import (
    StandardKind,
    deadline,
    deadline_after,
)
from casework_timers import (
    by_status,
    events,
    hook,
    long_ago,
    new_case,
    running,
    settle,
    standards_of,
    timeline,
)


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
        "risk_reassessment",
    }
    for s in started:
        assert s.status == "running"
        assert s.started_at == received
        assert (s.warn_at, s.due_at) == deadline(s.kind, received)


async def test_an_anonymous_report_with_no_contact_details_has_no_first_contact_to_make(
    db: Database,
) -> None:
    case = await new_case(db, anonymous=True)
    await hook(db, case.id, timers.on_case_opened, datetime.now(UTC))
    assert await by_status(db, case.id, "running") == {
        "action_plan",
        "case_update",
        "manager_review",
    }


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
        "risk_reassessment",
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
        "risk_reassessment",
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
        "risk_reassessment",
    }
    assert (await running(db, other.id, StandardKind.FIRST_CONTACT)).started_at == now
