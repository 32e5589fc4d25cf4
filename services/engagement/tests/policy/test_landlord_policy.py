"""Engagement keeps each landlord's policy as casework announces it, the newest version only,
and works by it: the referral decision's working days on its calendar, the plan's review
interval, the spend threshold."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
from asb_shared.calendar import calendar_for
from asb_shared.contracts.casework import (
    EngagementPolicy,
    EngagementReferralRequested,
    PolicyCalendar,
    PolicyChanged,
)
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event

Headers = Callable[..., dict[str, str]]


def _changed(org: uuid.UUID, version: int, **engagement: Any) -> PolicyChanged:
    return PolicyChanged(
        organisation_id=org,
        version=version,
        calendar=PolicyCalendar(region="northern_ireland"),
        engagement=EngagementPolicy(**engagement),
        survey_after_closure_working_days=5,
        changed_at=datetime.now(UTC),
    )


async def test_the_newest_version_is_kept_and_worked_by(
    api: httpx.AsyncClient, test_env: TestEnvironment, as_: Headers, org: uuid.UUID
) -> None:
    newer = _changed(org, 2, decision_working_days=3, spend_approval_threshold=Decimal("40.00"))
    await publish_event(test_env, newer, organisation_id=org)
    older = await publish_event(
        test_env, _changed(org, 1, decision_working_days=9), organisation_id=org
    )
    await eventually(
        lambda: count_rows(test_env.database_url("engagement"), "inbox", f"event_id = '{older.id}'")
    )
    [kept] = await _sql(test_env, org)
    engagement = json.loads(kept["engagement"])
    assert (kept["version"], engagement["decision_working_days"]) == (2, 3)

    referral = EngagementReferralRequested(
        referral_id=uuid.uuid4(),
        case_id=uuid.uuid4(),
        case_reference="CASE-2026-000201",
        subject_name="R. Subject",
        reason="Alcohol-driven noise; open to support.",
        requested_by="officer-7",
    )
    await publish_event(test_env, referral, organisation_id=org)

    async def listed() -> list[dict[str, Any]]:
        answer = await api.get("/v1/referrals", headers=as_("peo", org=org))
        return list(answer.json()["items"])

    [found] = await eventually(listed)
    received = datetime.fromisoformat(found["received_at"])
    due = datetime.fromisoformat(found["decision_due_at"])
    assert due == calendar_for("northern_ireland").due_at(received, 3)

    budget = await api.put(
        f"/v1/budgets/{datetime.now(UTC).year}",
        json={"total": "1000.00", "allocations": {}},
        headers=as_("team_leader", org=org),
    )
    assert budget.status_code == 200, budget.text
    assert Decimal(budget.json()["approval_threshold"]) == Decimal("40.00")


async def _sql(test_env: TestEnvironment, org: uuid.UUID) -> list[Any]:
    import asyncpg

    conn = await asyncpg.connect(test_env.database_url("engagement").replace("+asyncpg", ""))
    try:
        return list(
            await conn.fetch(
                "SELECT version, engagement FROM landlord_policies WHERE organisation_id = $1", org
            )
        )
    finally:
        await conn.close()
