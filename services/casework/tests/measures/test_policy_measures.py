"""The measures the policies name that were missing (subject contacted with the complainant's
agreement, helped to resolve with the neighbour, repeat subjects, tenures apart), the targets in
the landlord's policy, and the public summary with small numbers suppressed: on generated data,
each answer computed independently here."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from asb_shared.calendar import LONDON
from asb_shared.testing import TestEnvironment
from casework.policy.settings import PolicySettings
from casework_samples import bearer

ORG = uuid.uuid4()
PREFIX = "PM" + "".join(random.Random(str(ORG)).choices("ABCDEFGHJKLMNPQRSTUVWXYZ", k=3))
TENURES = ["social_rent", "starter_tenancy", "private_rent", "owner_occupier", "unknown"]
SUBJECTS = [f"subject {n}" for n in range(12)]
START, END = datetime(2026, 1, 1, tzinfo=LONDON), datetime(2026, 4, 1, tzinfo=LONDON)


@dataclass
class Generated:
    id: uuid.UUID
    opened: datetime
    tenure: str
    subjects: list[str]
    agreed: str | None
    subject_contacts: list[datetime] = field(default_factory=list)
    mediation: bool = False
    closing: tuple[datetime, str] | None = None


def generate(seed: int) -> list[Generated]:
    rng = random.Random(seed)
    first = datetime(2025, 6, 1, tzinfo=UTC)
    cases = []
    for _ in range(90):
        opened = first + timedelta(minutes=rng.randrange(0, 60 * 24 * 300))
        case = Generated(
            uuid.uuid4(),
            opened,
            rng.choice(TENURES),
            rng.sample(SUBJECTS, rng.choice([0, 1, 1, 2])),
            rng.choice([None, "agreed", "refused", "overridden"]),
        )
        for _ in range(rng.choice([0, 1, 2])):
            case.subject_contacts.append(opened + timedelta(hours=rng.randrange(1, 24 * 60)))
        case.mediation = rng.random() < 0.4
        if rng.random() < 0.7:
            case.closing = (
                opened + timedelta(hours=rng.randrange(2, 24 * 80)),
                rng.choice(["resolved", "resolved", "closed"]),
            )
        cases.append(case)
    return cases


TARGETS = [
    {"measure": "resolved_percent", "target": 50, "higher_is_better": True},
    {"measure": "repeat_subject_cases", "target": 3, "higher_is_better": False},
    {"measure": "neighbour_help.helped_percent", "target": 99.5, "higher_is_better": True},
]


@pytest.fixture(scope="module")
async def data(client: httpx.AsyncClient, test_env: TestEnvironment) -> list[Generated]:
    cases = generate(25)
    test_env.register_organisation(ORG, name="Policy Measures Homes", prefix=PREFIX)
    conn = await asyncpg.connect(test_env.database_url("casework").replace("+asyncpg", ""))
    try:
        for c in cases:
            status = c.closing[1] if c.closing else "open"
            await conn.execute(
                "INSERT INTO cases (id, organisation_id, status, categories, summary, anonymous,"
                " opened_at, closed_at, tenure, subject_keys, subject_contact)"
                " VALUES ($1,$2,$3,$4,'x',false,$5,$6,$7,$8,$9)",
                c.id, ORG, status, ["noise"], c.opened, c.closing[0] if c.closing else None,
                c.tenure, c.subjects, c.agreed,
            )  # fmt: skip
            if c.closing:
                await conn.execute(
                    "INSERT INTO timeline (id, case_id, organisation_id, at, actor, kind, summary,"
                    " data) VALUES ($1,$2,$3,$4,'officer','status','x',$5)",
                    uuid.uuid4(), c.id, ORG, c.closing[0],
                    json.dumps({"from": "open", "to": c.closing[1], "command": "x"}),
                )  # fmt: skip
            for at in c.subject_contacts:
                await conn.execute(
                    "INSERT INTO contacts (id, case_id, organisation_id, with_whom, method,"
                    " contacted_at, summary, recorded_by) VALUES ($1,$2,$3,'subject','visit',$4,"
                    "'x','officer')",
                    uuid.uuid4(), c.id, ORG, at,
                )  # fmt: skip
            if c.mediation:
                await conn.execute(
                    "INSERT INTO interventions (id, case_id, organisation_id, kind, legal, on_date,"
                    " owner, recorded_by) VALUES ($1,$2,$3,'mediation_referral',false,$4,'o','o')",
                    uuid.uuid4(), c.id, ORG, c.opened.date(),
                )  # fmt: skip
    finally:
        await conn.close()
    settings = PolicySettings().model_dump(mode="json") | {
        "measure_targets": TARGETS,
        "public_summary": {"minimum_count": 5},
    }
    changed = await client.put(
        f"/v1/organisations/{ORG}/policy",
        json={"reason": "Annual targets for 2026", "settings": settings},
        headers=bearer(test_env, "admin", org=ORG, subject="admin-1"),
    )
    assert changed.status_code == 200, changed.text
    return cases


def _in(at: datetime) -> bool:
    return START <= at < END


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def expected(cases: list[Generated]) -> dict[str, Any]:
    contacted = [c for c in cases if any(_in(at) for at in c.subject_contacts)]
    agreed = [c for c in contacted if c.agreed == "agreed"]
    resolved = [c for c in cases if c.closing and _in(c.closing[0]) and c.closing[1] == "resolved"]
    closed = [c for c in cases if c.closing and _in(c.closing[0])]
    helped = [c for c in resolved if c.mediation]
    repeat = 0
    for c in cases:
        if not _in(c.opened):
            continue
        if any(
            o is not c
            and c.opened - timedelta(days=365) <= o.opened < c.opened
            and set(o.subjects) & set(c.subjects)
            for o in cases
        ):
            repeat += 1
    groups: dict[str, list[Generated]] = {}
    for c in cases:
        group = "social" if c.tenure in ("social_rent", "starter_tenancy") else c.tenure
        groups.setdefault(group, []).append(c)
    return {
        "subject_contact": {
            "cases_subject_contacted": len(contacted),
            "with_complainants_agreement": len(agreed),
            "with_agreement_percent": _pct(len(agreed), len(contacted)),
        },
        "neighbour_help": {
            "resolved_cases": len(resolved),
            "helped_to_resolve_with_neighbour": len(helped),
            "helped_percent": _pct(len(helped), len(resolved)),
        },
        "repeat_subject_cases": repeat,
        "by_tenure": {
            g: {
                "new_cases": len([c for c in members if _in(c.opened)]),
                "closed_cases": len([c for c in members if c.closing and _in(c.closing[0])]),
                "resolved_percent": _pct(
                    len(
                        [
                            c
                            for c in members
                            if c.closing and _in(c.closing[0]) and c.closing[1] == "resolved"
                        ]
                    ),
                    len([c for c in members if c.closing and _in(c.closing[0])]),
                ),
            }
            for g, members in sorted(groups.items())
        },
        "resolved_percent": _pct(len(resolved), len(closed)),
        "new_cases": len([c for c in cases if _in(c.opened)]),
    }


async def test_the_new_measures_and_targets_match_an_independent_count(
    data: list[Generated], client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    got = await client.get(
        "/v1/measures",
        params={"from": "2026-01", "to": "2026-03"},
        headers=bearer(test_env, "team_leader", org=ORG),
    )
    assert got.status_code == 200, got.text
    period, want = got.json()["period"], expected(data)
    assert period["subject_contact"] == want["subject_contact"]
    assert period["neighbour_help"] == want["neighbour_help"]
    assert period["repeat_subject_cases"] == want["repeat_subject_cases"]
    assert period["by_tenure"] == want["by_tenure"]
    # The data exercise every measure.
    assert (
        want["subject_contact"]["cases_subject_contacted"]
        > want["subject_contact"]["with_complainants_agreement"]
        > 0
    )
    assert 0 < want["neighbour_help"]["helped_to_resolve_with_neighbour"]
    assert want["repeat_subject_cases"] > 0
    assert {"social", "private_rent", "owner_occupier"} <= set(want["by_tenure"])

    targets = {t["measure"]: t for t in got.json()["targets"]}
    assert targets["resolved_percent"]["actual"] == want["resolved_percent"]
    assert targets["resolved_percent"]["met"] == (want["resolved_percent"] >= 50)
    assert targets["repeat_subject_cases"]["met"] == (want["repeat_subject_cases"] <= 3)
    assert targets["neighbour_help.helped_percent"]["met"] is False
    assert all(t["months"] == 3 for t in targets.values())


async def test_the_public_summary_suppresses_small_numbers_and_names_no_one(
    data: list[Generated], client: httpx.AsyncClient
) -> None:
    got = await client.get(
        f"/v1/public/landlords/{PREFIX.lower()}/performance", params={"year": 2025}
    )
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["from"] == "2025-04" and body["to"] == "2026-03"
    figures = body["figures"]
    fy_new = len([c for c in data if datetime(2025, 4, 1, tzinfo=LONDON) <= c.opened < END])
    assert figures["new_cases"] == {"value": fy_new, "suppressed": False}
    fy_start = datetime(2025, 4, 1, tzinfo=LONDON)
    for group, row in figures["by_tenure"].items():
        members = [
            c
            for c in data
            if ("social" if c.tenure in ("social_rent", "starter_tenancy") else c.tenure) == group
        ]
        count = len([c for c in members if fy_start <= c.opened < END])
        small = 0 < count < 5
        assert row["new_cases"] == {"value": None if small else count, "suppressed": small}
    text = got.text
    assert not any(str(c.id) in text for c in data)
    assert not any(s in text for s in SUBJECTS)
    assert {t["measure"] for t in figures["targets"]} == {t["measure"] for t in TARGETS}

    unknown = await client.get("/v1/public/landlords/zzzzzz/performance", params={"year": 2025})
    assert unknown.status_code == 404
    bad = await client.get(f"/v1/public/landlords/{PREFIX}/performance", params={"year": 1800})
    assert bad.status_code == 422
