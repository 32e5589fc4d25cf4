"""Interventions: a civil injunction needs a positive requirement; legal actions are counted."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import httpx
from asb_shared.testing import TestEnvironment
from casework.policy.settings import PolicySettings
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


async def test_intervention_counts_by_the_organisations_financial_year(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org, other = uuid.uuid4(), uuid.uuid4()
    headers = bearer(test_env, "officer", org=org)
    # This landlord's financial year runs from January.
    settings = PolicySettings(financial_year_start_month=1).model_dump(mode="json")
    changed = await client.put(
        f"/v1/organisations/{org}/policy",
        json={"reason": "Our year is the calendar year", "settings": settings},
        headers=bearer(test_env, "admin", org=org),
    )
    assert changed.status_code == 200, changed.text
    case_id, _ = await open_case(client, test_env, org=org, status="investigating")
    other_case, _ = await open_case(client, test_env, org=other, status="investigating")
    year = today().year
    january = date(year, 1, 1).isoformat()
    recorded = [
        intervention_body("community_protection_warning"),
        intervention_body("community_protection_warning", on_date=january),
        intervention_body("community_protection_notice"),
        intervention_body("mediation_referral", mediation_result="agreement_reached"),
        intervention_body("mediation_referral"),
        # The year before this landlord's financial year: not counted in it.
        intervention_body("eviction", on_date=date(year - 1, 12, 31).isoformat()),
    ]
    ids = []
    for body in recorded:
        answer = await client.post(f"/v1/cases/{case_id}/interventions", json=body, headers=headers)
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["id"])
    # The second mediation ended without agreement.
    ended = await client.patch(
        f"/v1/cases/{case_id}/interventions/{ids[4]}",
        json={"outcome": "Met twice, no agreement", "mediation_result": "no_agreement"},
        headers=headers,
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["mediation_result"] == "no_agreement"
    # Another landlord's warnings and legal actions are never counted here.
    for kind in ("community_protection_warning", "civil_injunction"):
        body = intervention_body(kind, positive_requirements=["Attend a course"])
        if kind != "civil_injunction":
            body.pop("positive_requirements")
        answer = await client.post(
            f"/v1/cases/{other_case}/interventions",
            json=body,
            headers=bearer(test_env, "officer", org=other),
        )
        assert answer.status_code == 201, answer.text

    counts = await client.get("/v1/intervention-counts", headers=headers)
    assert counts.status_code == 200, counts.text
    got = counts.json()
    assert got["financial_year"] == str(year) and got["starts"] == january
    assert got["as_of"] == today().isoformat()
    assert got["community_protection_warnings"] == 2
    assert got["total"] == 5
    assert got["by_kind"] == {
        "community_protection_notice": 1,
        "community_protection_warning": 2,
        "mediation_referral": 2,
    }
    assert (got["legal_actions"], got["legal_by_kind"]) == (1, {"community_protection_notice": 1})
    assert got["mediation_outcomes"] == {"agreement_reached": 1, "no_agreement": 1}
    last_year = (
        await client.get("/v1/intervention-counts", params={"year": year - 1}, headers=headers)
    ).json()
    assert (last_year["total"], last_year["legal_by_kind"]) == (1, {"eviction": 1})
    # The default financial year (April) for a landlord that set none.
    others = (
        await client.get("/v1/intervention-counts", headers=bearer(test_env, "officer", org=other))
    ).json()
    assert others["starts"].endswith("-04-01")
    assert others["community_protection_warnings"] == 1 and others["legal_actions"] == 1


async def test_a_mediation_result_is_only_for_a_mediation(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    headers = bearer(test_env, "officer")
    refused = await client.post(
        f"/v1/cases/{case_id}/interventions",
        json=intervention_body("warning_letter", mediation_result="declined"),
        headers=headers,
    )
    assert refused.status_code == 422
    assert [d["field"] for d in refused.json()["error"]["details"]] == ["mediation_result"]
    letter = await client.post(
        f"/v1/cases/{case_id}/interventions", json=intervention_body(), headers=headers
    )
    assert letter.status_code == 201
    wrong = await client.patch(
        f"/v1/cases/{case_id}/interventions/{letter.json()['id']}",
        json={"outcome": "Behaviour stopped", "mediation_result": "declined"},
        headers=headers,
    )
    assert wrong.status_code == 422
    assert [d["field"] for d in wrong.json()["error"]["details"]] == ["mediation_result"]
    bad = await client.get("/v1/intervention-counts", params={"year": "1999"}, headers=headers)
    assert bad.status_code == 422
