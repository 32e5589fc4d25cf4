"""The measures through the API on generated data (a seeded random landlord), each answer
computed independently here; CSV; another landlord's data never counted; bad input named."""

from __future__ import annotations

import itertools
import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from asb_shared.calendar import LONDON
from asb_shared.testing import TestEnvironment
from casework.policy.settings import PolicySettings
from casework_samples import bearer

ORG = uuid.uuid4()
HOMES = 4_000
CLOSED = {"resolved", "closed", "not_asb", "referred_on", "information_only"}


@dataclass
class Generated:
    opened: datetime
    hate: bool
    category: str
    moves: list[tuple[datetime, str]] = field(default_factory=list)


def generate(seed: int) -> list[Generated]:
    rng = random.Random(seed)
    start = datetime(2025, 10, 1, tzinfo=UTC)
    cases = []
    for _ in range(80):
        opened = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 200))
        category = rng.choice(["noise", "drugs", "hate_incident", "vandalism"])
        case = Generated(opened, category == "hate_incident", category)
        at = opened
        for _ in range(rng.choice([0, 1, 1, 2])):
            at += timedelta(hours=rng.randrange(1, 24 * 70))
            case.moves.append((at, rng.choice(["resolved", "resolved", "closed", "not_asb"])))
            if rng.random() < 0.3:
                at += timedelta(hours=rng.randrange(1, 24 * 20))
                case.moves.append((at, "reopened"))
            else:
                break
        cases.append(case)
    return cases


def month_start(y: int, m: int) -> datetime:
    return datetime(y, m, 1, tzinfo=LONDON)


@pytest.fixture(scope="module")
async def data(client: httpx.AsyncClient, test_env: TestEnvironment) -> list[Generated]:
    cases = generate(11)
    conn = await asyncpg.connect(test_env.database_url("casework").replace("+asyncpg", ""))
    try:
        for org, subset in ((ORG, cases), (uuid.uuid4(), cases[:10])):
            for case in subset:
                case_id = uuid.uuid4()
                status = case.moves[-1][1] if case.moves else "open"
                await conn.execute(
                    "INSERT INTO cases (id, organisation_id, status, categories, summary, anonymous,"
                    " opened_at, closed_at, priority_route) VALUES ($1,$2,$3,$4,'x',false,$5,$6,$7)",
                    case_id, org, status, [case.category], case.opened,
                    case.moves[-1][0] if status in CLOSED else None,
                    "hate_incident" if case.hate else None,
                )  # fmt: skip
                previous = "open"
                for at, to in case.moves:
                    await conn.execute(
                        "INSERT INTO timeline (id, case_id, organisation_id, at, actor, kind, summary,"
                        " data) VALUES ($1,$2,$3,$4,'officer','status','x',$5)",
                        uuid.uuid4(), case_id, org, at,
                        json.dumps({"from": previous, "to": to, "command": "x"}),
                    )  # fmt: skip
                    previous = to
    finally:
        await conn.close()
    changed = await client.put(
        f"/v1/organisations/{ORG}/policy",
        json={
            "reason": "Homes managed, for NM01",
            "settings": PolicySettings(homes=HOMES).model_dump(mode="json"),
        },
        headers=bearer(test_env, "admin", org=ORG, subject="admin-1"),
    )
    assert changed.status_code == 200, changed.text
    return cases


def expected(cases: list[Generated]) -> dict[str, Any]:
    """The answers, computed month by month straight from the generated cases."""
    result: dict[str, Any] = {"months": []}
    bounds = [(2026, 1), (2026, 2), (2026, 3), (2026, 4)]
    for (y, m), (ny, nm) in itertools.pairwise(bounds):
        lo, hi = month_start(y, m), month_start(ny, nm)
        open_count = 0
        for c in cases:
            if c.opened >= hi:
                continue
            state = "open"
            for at, to in c.moves:
                if at < hi:
                    state = to
            open_count += state not in CLOSED
        result["months"].append(
            {
                "month": f"{y}-{m:02d}",
                "new_cases": len([c for c in cases if lo <= c.opened < hi]),
                "closed_cases": len(
                    [c for c in cases if any(lo <= at < hi and to in CLOSED for at, to in c.moves)]
                ),
                "open_at_month_end": open_count,
                "action_plans_created": 0,
            }
        )
    lo, hi = month_start(2026, 1), month_start(2026, 4)
    last = {}
    for i, c in enumerate(cases):
        closings = [(at, to) for at, to in c.moves if lo <= at < hi and to in CLOSED]
        if closings:
            last[i] = closings[-1]
    resolved = [(i, at) for i, (at, to) in last.items() if to == "resolved"]
    new = [c for c in cases if lo <= c.opened < hi]
    result["resolved_percent"] = round(100 * len(resolved) / len(last), 1)
    result["average_days_to_resolve"] = round(
        sum((at - cases[i].opened).total_seconds() / 86400 for i, at in resolved) / len(resolved), 1
    )
    result["nm01"] = round(1000 * len(new) / HOMES, 2)
    result["nm01_hate"] = round(1000 * len([c for c in new if c.hate]) / HOMES, 2)
    return result


async def test_measures_on_generated_data_match_an_independent_count(
    data: list[Generated], client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    got = await client.get(
        "/v1/measures",
        params={"from": "2026-01", "to": "2026-03"},
        headers=bearer(test_env, "team_leader", org=ORG),
    )
    assert got.status_code == 200, got.text
    body = got.json()
    want = expected(data)
    assert body["months"] == want["months"]
    assert sum(m["new_cases"] for m in want["months"]) > 10  # the data exercise the months
    assert any(len(c.moves) > 1 for c in data)  # ...and reopened cases
    period = body["period"]
    assert period["resolved_percent"] == want["resolved_percent"]
    assert period["average_days_to_resolve"] == want["average_days_to_resolve"]
    assert period["nm01"]["cases_per_1000_homes"] == want["nm01"]
    assert period["nm01"]["hate_cases_per_1000_homes"] == want["nm01_hate"]
    assert period["financial_year_from"] == "2025-04-01"

    csv = await client.get(
        "/v1/measures.csv",
        params={"from": "2026-01", "to": "2026-03"},
        headers=bearer(test_env, "officer", org=ORG),
    )
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.splitlines()
    assert lines[0] == "measure,month,category,value"
    assert f"new_cases,2026-02,,{want['months'][1]['new_cases']}" in lines


async def test_another_landlord_counts_only_its_own(
    data: list[Generated], client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    got = await client.get(
        "/v1/measures",
        params={"from": "2026-01", "to": "2026-03"},
        headers=bearer(test_env, "officer", org=uuid.uuid4()),
    )
    assert got.status_code == 200
    assert got.json()["period"]["new_cases"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-13", "to": "2026-03"}, "from"),
        ({"from": "2026-01", "to": "March"}, "to"),
        ({"from": "2026-04", "to": "2026-03"}, "to"),
        ({"from": "2010-01", "to": "2026-03"}, "to"),
        ({"to": "2026-03"}, "from"),
    ],
)
async def test_bad_input_is_a_422_naming_the_field(
    client: httpx.AsyncClient, test_env: TestEnvironment, params: dict[str, str], field: str
) -> None:
    got = await client.get("/v1/measures", params=params, headers=bearer(test_env, "officer"))
    assert got.status_code == 422, got.text
    assert field in [d["field"].split(".")[-1] for d in got.json()["error"]["details"]]


def test_the_generator_is_reproducible() -> None:
    assert generate(11) == generate(11) and generate(11) != generate(12)
    assert date(2026, 1, 1) < date(2026, 4, 1)
