"""The complainant's risk is assessed again at the interval of their level (weekly at high risk
by default, the landlord's own numbers when it set them): a timer of the standards clock that
warns, breaches, and is met by the next assessment."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from asb_shared.calendar import DEFAULT_CALENDAR
from asb_shared.db import Database
from casework.policy.models import PolicyVersion
from casework.policy.settings import PolicySettings
from casework.standards import timers
from casework.standards.policy import DEFAULT_RULES, StandardKind, deadline_after
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

REASSESSMENT = StandardKind.RISK_REASSESSMENT


def test_the_interval_follows_the_risk_level() -> None:
    assert DEFAULT_RULES.reassessment_for("high") == 5
    assert DEFAULT_RULES.reassessment_for("medium") == 10
    assert DEFAULT_RULES.reassessment_for("standard") == 20


async def test_a_high_risk_cases_reassessment_falls_due_weekly_and_breaches(db: Database) -> None:
    opened = long_ago()
    case = await new_case(db, risk_level="high")
    await hook(db, case.id, timers.on_case_opened, opened)
    timer = await running(db, case.id, REASSESSMENT)
    assert timer.due_at == DEFAULT_CALENDAR.due_at(opened, 5)  # a working week, not twenty days

    await settle(db)

    assert REASSESSMENT.value in await by_status(db, case.id, "breached")
    [breach] = [
        e
        for e in await events(db, "casework.standard.breached", case.id)
        if e["kind"] == REASSESSMENT
    ]
    assert breach["due_at"].startswith(timer.due_at.date().isoformat())
    assert any(
        "risk_reassessment" in entry.summary
        for entry in await timeline(db, case.id, "standard_breached")
    )


async def test_an_assessment_meets_it_and_the_next_runs_at_the_new_levels_interval(
    db: Database,
) -> None:
    case = await new_case(db)
    start = datetime.now(UTC) - timedelta(hours=2)
    await hook(db, case.id, timers.on_case_opened, start)
    assert (await running(db, case.id, REASSESSMENT)).due_at == DEFAULT_CALENDAR.due_at(start, 20)

    assessed = datetime.now(UTC) - timedelta(hours=1)

    async def high_and_assessed(session: object, found: object, at: datetime) -> None:
        found.risk_level = "high"  # type: ignore[attr-defined]
        await timers.on_risk_assessed(session, found, at)  # type: ignore[arg-type]

    await hook(db, case.id, high_and_assessed, assessed)
    kinds = [(s.kind, s.status) for s in await standards_of(db, case.id) if s.kind == REASSESSMENT]
    assert sorted(kinds) == [(REASSESSMENT.value, "met"), (REASSESSMENT.value, "running")]
    nxt = await running(db, case.id, REASSESSMENT)
    assert (nxt.started_at, nxt.due_at) == (assessed, deadline_after(assessed, 5).due_at)


async def test_the_landlords_own_interval_and_an_anonymous_case_has_none(db: Database) -> None:
    org = uuid.uuid4()
    policy = PolicySettings.model_validate(
        {"standards": {"risk_reassessment_high": 2, "risk_reassessment_medium": 4}}
    )
    async with db.transaction() as session:
        session.add(
            PolicyVersion(
                organisation_id=org,
                version=1,
                settings=policy.model_dump(mode="json"),
                changes=[],
                reason="High-risk cases reviewed twice a week",
                changed_by="admin",
            )
        )
    start = datetime.now(UTC) - timedelta(hours=1)
    case = await new_case(db, organisation_id=org, policy_version=1, risk_level="high")
    await hook(db, case.id, timers.on_case_opened, start)
    assert (await running(db, case.id, REASSESSMENT)).due_at == DEFAULT_CALENDAR.due_at(start, 2)

    anonymous = await new_case(db, anonymous=True)
    await hook(db, anonymous.id, timers.on_case_opened, start)
    assert REASSESSMENT.value not in {s.kind for s in await standards_of(db, anonymous.id)}
