"""The practical support budget on the real database: never overspent, even by spends
committed at the same moment."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
from asb_shared.db import utcnow
from asb_shared.testing import TestEnvironment, count_rows
from engagement.budget.rules import financial_year

Headers = Callable[..., dict[str, str]]


def _spend(amount: str, category: str = "transport", **extra: Any) -> dict[str, Any]:
    return {
        "category": category,
        "amount": amount,
        "supplier": "Stockport Taxis",
        "description": "To the alcohol service",
        "spent_on": utcnow().date().isoformat(),
        **extra,
    }


async def _budget_row(test_env: TestEnvironment, org: uuid.UUID) -> Any:
    conn = await asyncpg.connect(test_env.database_url("engagement").replace("+asyncpg", ""))
    try:
        return await conn.fetchrow(
            "SELECT b.total, b.committed, "
            "(SELECT coalesce(sum(amount), 0) FROM spends s WHERE s.budget_id = b.id "
            " AND s.status = 'approved') AS approved, "
            "(SELECT count(*) FROM spends s WHERE s.budget_id = b.id) AS spends "
            "FROM budgets b WHERE b.organisation_id = $1",
            org,
        )
    finally:
        await conn.close()


async def test_many_concurrent_spends_never_exceed_the_budget(
    api: httpx.AsyncClient,
    test_env: TestEnvironment,
    as_: Headers,
    org: uuid.UUID,
    new_client: Any,
) -> None:
    year = financial_year(utcnow().date())
    budget = await api.put(
        f"/v1/budgets/{year}",
        headers=as_("admin", org=org),
        json={
            "total": "1000.00",
            "approval_threshold": "100.00",
            "allocations": {"transport": "300.00"},
        },
    )
    assert budget.status_code == 200, budget.text
    clients = [await new_client(org, name=f"Client {i}") for i in range(4)]
    peo = as_("peo", org=org)
    # 60 spends of £30 (1800 asked for, 1000 available), fired together; a third are transport,
    # whose allocation of £300 takes at most 10 of them.
    answers = await asyncio.gather(
        *(
            api.post(
                f"/v1/clients/{clients[i % 4]['id']}/spends",
                headers=peo,
                json=_spend("30.00", "transport" if i % 3 == 0 else "target_hardening"),
            )
            for i in range(60)
        )
    )
    codes = Counter(a.status_code for a in answers)
    assert set(codes) <= {201, 409}, [a.text for a in answers if a.status_code not in (201, 409)]
    approved = [a.json() for a in answers if a.status_code == 201]
    assert all(s["status"] == "approved" for s in approved)
    transport = sum(Decimal(s["amount"]) for s in approved if s["category"] == "transport")
    assert transport <= Decimal("300.00")
    # Every spend that fitted was taken: the budget is full to the last £30.
    total = sum(Decimal(s["amount"]) for s in approved)
    assert Decimal("970.00") < total <= Decimal("1000.00")

    row = await _budget_row(test_env, org)
    assert row["approved"] == row["committed"] == total  # the sum recorded equals what was approved
    assert row["committed"] <= row["total"]
    assert row["spends"] == len(approved)  # a refused spend leaves nothing behind

    view = (await api.get(f"/v1/budgets/{year}", headers=as_("team_leader", org=org))).json()
    assert Decimal(view["remaining"]) == Decimal("1000.00") - total
    by = {c["category"]: c for c in view["categories"]}
    assert Decimal(by["transport"]["remaining"]) == Decimal("300.00") - transport
    assert by["target_hardening"]["remaining"] is None  # no allocation: shares the total


async def test_above_the_threshold_a_team_leader_approves_and_the_budget_still_holds(
    api: httpx.AsyncClient,
    test_env: TestEnvironment,
    as_: Headers,
    org: uuid.UUID,
    new_client: Any,
) -> None:
    year = financial_year(utcnow().date())
    await api.put(
        f"/v1/budgets/{year}",
        headers=as_("team_leader", org=org),
        json={"total": "500.00", "approval_threshold": "100.00"},
    )
    client = await new_client(org)
    peo = as_("peo", org=org)
    big = await api.post(
        f"/v1/clients/{client['id']}/spends",
        headers=peo,
        json=_spend("350.00", "sound_insulation", supplier="Quiet Homes Ltd"),
    )
    assert big.status_code == 201 and big.json()["status"] == "awaiting_approval"
    assert big.json()["approved_by"] is None
    other = await api.post(
        f"/v1/clients/{client['id']}/spends", headers=peo, json=_spend("200.00", "sound_insulation")
    )
    assert other.json()["status"] == "awaiting_approval"
    waiting = (
        await api.get(
            f"/v1/budgets/{year}/spends?status=awaiting_approval",
            headers=as_("team_leader", org=org),
        )
    ).json()
    assert len(waiting) == 2
    url = f"/v1/spends/{big.json()['id']}/decision"
    assert (await api.post(url, headers=peo, json={"approve": True})).status_code == 403
    leader = as_("team_leader", org=org, subject="leader-1")
    approved = await api.post(url, headers=leader, json={"approve": True})
    assert approved.json()["status"] == "approved" and approved.json()["approved_by"] == "leader-1"
    too_much = await api.post(
        f"/v1/spends/{other.json()['id']}/decision", headers=leader, json={"approve": True}
    )
    assert too_much.status_code == 409  # £350 + £200 > £500
    refused = await api.post(
        f"/v1/spends/{other.json()['id']}/decision",
        headers=leader,
        json={"approve": False, "note": "Too much."},
    )
    assert refused.json()["status"] == "refused"
    row = await _budget_row(test_env, org)
    assert row["committed"] == row["approved"] == Decimal("350.00")


async def test_a_negative_spend_or_one_in_a_closed_year_is_422_and_nothing_is_stored(
    api: httpx.AsyncClient,
    test_env: TestEnvironment,
    as_: Headers,
    org: uuid.UUID,
    new_client: Any,
) -> None:
    this_year = financial_year(utcnow().date())
    admin = as_("admin", org=org)
    await api.put(f"/v1/budgets/{this_year}", headers=admin, json={"total": "100.00"})
    await api.put(f"/v1/budgets/{this_year - 1}", headers=admin, json={"total": "100.00"})
    assert (await api.post(f"/v1/budgets/{this_year - 1}/close", headers=admin)).json()["closed"]
    client = await new_client(org)
    peo = as_("peo", org=org)
    url = f"/v1/clients/{client['id']}/spends"

    for amount in ("-10.00", "0", "12.345", "NaN"):
        bad = await api.post(url, headers=peo, json=_spend(amount))
        assert bad.status_code == 422, amount
        assert [d["field"] for d in bad.json()["error"]["details"]] == ["amount"], amount

    last_year = (utcnow().date() - timedelta(days=366)).isoformat()
    closed = await api.post(url, headers=peo, json=_spend("10.00", spent_on=last_year))
    assert closed.status_code == 422
    assert closed.json()["error"]["details"][0]["field"] == "spent_on"
    assert "closed" in closed.json()["error"]["details"][0]["message"]

    no_budget = await api.post(
        url,
        headers=peo,
        json=_spend("10.00", spent_on=(utcnow().date() - timedelta(days=800)).isoformat()),
    )
    assert no_budget.status_code == 422
    assert (
        await count_rows(
            test_env.database_url("engagement"), "spends", f"client_id = '{client['id']}'"
        )
        == 0
    )
