"""Interventions: a civil injunction needs a positive requirement; legal actions are counted."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
from asb_shared.testing import TestEnvironment
from casework_samples import (
    bearer,
    intervention_body,
    open_case,
    snapshot,
    status_of,
    today,
)


async def test_a_civil_injunction_needs_a_positive_requirement(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    before = await snapshot(test_env, case_id)
    without: list[dict[str, Any]] = [{}, {"positive_requirements": []}]
    for extra in without:
        body = intervention_body("civil_injunction") | extra
        refused = await client.post(
            f"/v1/cases/{case_id}/interventions", json=body, headers=bearer(test_env, "officer")
        )
        assert refused.status_code == 422
        [detail] = refused.json()["error"]["details"]
        assert detail["field"] == "positive_requirements"
    assert await snapshot(test_env, case_id) == before
    assert await status_of(test_env, case_id) == "investigating"


async def test_legal_actions_are_counted_year_to_date_for_the_callers_organisation(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    headers = bearer(test_env, "team_leader", org=org)
    case_id, _ = await open_case(client, test_env, org=org, status="investigating")
    year = today().year
    recorded = [
        intervention_body("community_protection_notice"),
        intervention_body("eviction"),
        intervention_body("notice_of_seeking_possession"),
        intervention_body("warning_letter"),
        intervention_body("community_protection_warning"),
        intervention_body("demotion", on_date=date(year - 1, 6, 1).isoformat()),
        intervention_body("possession", on_date=date(year + 1, 2, 1).isoformat()),
    ]
    for body in recorded:
        answer = await client.post(f"/v1/cases/{case_id}/interventions", json=body, headers=headers)
        assert answer.status_code == 201, answer.text

    count = await client.get(
        "/v1/interventions/legal-count", params={"year": year}, headers=headers
    )
    assert count.status_code == 200
    assert count.json()["legal_actions"] == 3
    assert count.json()["by_kind"] == {
        "community_protection_notice": 1,
        "eviction": 1,
        "notice_of_seeking_possession": 1,
    }
    assert count.json()["as_of"] == today().isoformat()
    default = (await client.get("/v1/interventions/legal-count", headers=headers)).json()
    assert default["year"] == year and default["legal_actions"] == 3
    last = await client.get(
        "/v1/interventions/legal-count", params={"year": year - 1}, headers=headers
    )
    assert last.json()["legal_actions"] == 1 and last.json()["as_of"] == f"{year - 1}-12-31"
    others = await client.get(
        "/v1/interventions/legal-count",
        params={"year": year},
        headers=bearer(test_env, "officer", org=uuid.uuid4()),
    )
    assert others.json()["legal_actions"] == 0
    bad = await client.get("/v1/interventions/legal-count", params={"year": "x"}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "query.year"
