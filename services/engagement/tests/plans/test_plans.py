"""Support plans: goals and actions, reviews at the agreed interval, and the review clock."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import httpx
from asb_shared.db import Database, utcnow
from asb_shared.messaging import Outbox
from asb_shared.testing import TestEnvironment, count_rows, eventually
from asb_shared.usecase import Transactions
from engagement.plans.clock import tick

Headers = Callable[..., dict[str, str]]


def _plan(next_review_on: str, due_on: str) -> dict[str, Any]:
    return {
        "goals": [
            {
                "title": "Cut down drinking",
                "actions": [
                    {
                        "description": "Attend the alcohol service",
                        "owner": "client",
                        "due_on": due_on,
                    },
                    {
                        "description": "Go with them to the first session",
                        "owner": "PEO",
                        "due_on": due_on,
                    },
                ],
            }
        ],
        "review_every_days": 28,
        "next_review_on": next_review_on,
    }


async def test_a_plan_is_agreed_reviewed_and_its_actions_ticked_off(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    peo = as_("peo", org=org)
    client = await new_client(org)
    url = f"/v1/clients/{client['id']}/plan"
    in_two_weeks = (utcnow().date() + timedelta(days=14)).isoformat()
    made = await api.post(url, headers=peo, json=_plan(in_two_weeks, in_two_weeks))
    assert made.status_code == 201, made.text
    action = made.json()["goals"][0]["actions"][0]
    done = await api.post(
        f"{url}/actions/{action['id']}/done",
        headers=peo,
        json={"done_on": utcnow().date().isoformat()},
    )
    assert done.json()["done_on"] == utcnow().date().isoformat()
    review = await api.post(
        f"{url}/reviews",
        headers=peo,
        json={"held_on": utcnow().date().isoformat(), "notes": "Going well."},
    )
    assert review.status_code == 201
    assert review.json()["next_review_on"] == (utcnow().date() + timedelta(days=28)).isoformat()
    plan = (await api.get(url, headers=peo)).json()
    assert plan["next_review_on"] == review.json()["next_review_on"]
    assert len(plan["reviews"]) == 1

    for kind, extra in (
        ("one_to_one", {}),
        ("accompanied_appointment", {"provider": "Stockport alcohol service"}),
        ("specialist_referral", {"specialist_service": "debt_advice", "provider": "CAB"}),
    ):
        logged = await api.post(
            f"/v1/clients/{client['id']}/activities",
            headers=peo,
            json={
                "kind": kind,
                "occurred_on": utcnow().date().isoformat(),
                "summary": "Met.",
                **extra,
            },
        )
        assert logged.status_code == 201, logged.text
    no_service = await api.post(
        f"/v1/clients/{client['id']}/activities",
        headers=peo,
        json={
            "kind": "specialist_referral",
            "occurred_on": utcnow().date().isoformat(),
            "summary": "x",
        },
    )
    assert no_service.status_code == 422
    assert len((await api.get(f"/v1/clients/{client['id']}/activities", headers=peo)).json()) == 3


async def test_a_review_date_in_the_past_is_422_naming_the_field_and_nothing_is_stored(
    api: httpx.AsyncClient,
    test_env: TestEnvironment,
    as_: Headers,
    org: uuid.UUID,
    new_client: Any,
) -> None:
    peo = as_("peo", org=org)
    client = await new_client(org)
    yesterday = (utcnow().date() - timedelta(days=1)).isoformat()
    soon = (utcnow().date() + timedelta(days=7)).isoformat()
    answer = await api.post(
        f"/v1/clients/{client['id']}/plan", headers=peo, json=_plan(yesterday, soon)
    )
    assert answer.status_code == 422
    assert [d["field"] for d in answer.json()["error"]["details"]] == ["next_review_on"]
    url = test_env.database_url("engagement")
    assert await count_rows(url, "plans", f"client_id = '{client['id']}'") == 0
    assert await count_rows(url, "plan_goals") == await count_rows(
        url, "plan_goals", "plan_id IN (SELECT id FROM plans)"
    )
    assert (await api.get(f"/v1/clients/{client['id']}/plan", headers=peo)).status_code == 404


async def test_the_review_clock_warns_then_breaches_once_each(
    api: httpx.AsyncClient,
    test_env: TestEnvironment,
    as_: Headers,
    org: uuid.UUID,
    new_client: Any,
) -> None:
    peo = as_("peo", org=org)
    client = await new_client(org)
    in_a_month = (utcnow().date() + timedelta(days=30)).isoformat()
    plan = (
        await api.post(
            f"/v1/clients/{client['id']}/plan", headers=peo, json=_plan(in_a_month, in_a_month)
        )
    ).json()
    due = datetime.fromisoformat(plan["review_due_at"])
    warn = datetime.fromisoformat(plan["review_warn_at"])
    assert warn < due
    url = test_env.database_url("engagement")
    db = Database(url, pool_size=2)
    transactions = Transactions(db, Outbox("engagement"))
    mine = f"routing_key = 'engagement.plan.review_due' AND payload LIKE '%{plan['id']}%'"
    try:
        await tick(transactions, warn - timedelta(minutes=1))
        assert await count_rows(url, "outbox", mine) == 0
        # Two workers' clocks at the same moment: the review is warned once.
        await asyncio.gather(tick(transactions, warn), tick(transactions, warn))
        await tick(transactions, due - timedelta(seconds=30))
        assert await count_rows(url, "outbox", mine + " AND payload LIKE '%warning%'") == 1
        await asyncio.gather(*(tick(transactions, due + timedelta(minutes=1)) for _ in range(3)))
        await tick(transactions, due + timedelta(days=1))
        assert await count_rows(url, "outbox", mine + " AND payload LIKE '%breach%'") == 1
        assert await count_rows(url, "outbox", mine + " AND payload LIKE '%peo-1%'") == 2
    finally:
        await db.dispose()


async def test_the_worker_reminds_the_peo_of_a_review_falling_due_today(
    api: httpx.AsyncClient,
    test_env: TestEnvironment,
    as_: Headers,
    org: uuid.UUID,
    new_client: Any,
) -> None:
    client = await new_client(org)
    today = utcnow().date().isoformat()
    plan = (
        await api.post(
            f"/v1/clients/{client['id']}/plan",
            headers=as_("peo", org=org),
            json=_plan(today, today),
        )
    ).json()
    # Its warning time (a working day before) has passed: the worker's own clock fires it.
    url = test_env.database_url("engagement")
    mine = f"routing_key = 'engagement.plan.review_due' AND payload LIKE '%{plan['id']}%'"
    await eventually(lambda: count_rows(url, "outbox", mine))
