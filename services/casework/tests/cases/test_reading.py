"""Who may read and act on a case (staff of its landlord only), and how cases are listed."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from casework_samples import (
    OTHER_ORG,
    bearer,
    cases_for,
    closure_body,
    contact_body,
    evidence_body,
    intervention_body,
    open_case,
    plan_body,
    received,
    snapshot,
)


async def test_staff_endpoints_need_a_valid_token_and_a_staff_role(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    assert (await client.get("/v1/cases")).status_code == 401
    assert (
        await client.get("/v1/cases", headers={"Authorization": "Bearer not-a-jwt"})
    ).status_code == 401
    forbidden = await client.get("/v1/cases", headers=bearer(test_env, "peo"))
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "forbidden"
    assert (
        await client.get("/v1/cases", headers=bearer(test_env, "team_leader"))
    ).status_code == 200


async def test_an_officer_cannot_see_another_landlords_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(test_env, received("ASB-2026-100003"), organisation_id=OTHER_ORG)
    await eventually(lambda: cases_for(test_env, "ASB-2026-100003"))
    theirs = await client.get(
        "/v1/cases",
        params={"report_reference": "ASB-2026-100003"},
        headers=bearer(test_env, "officer", org=OTHER_ORG),
    )
    [case] = theirs.json()["items"]
    ours = await client.get(
        "/v1/cases",
        params={"report_reference": "ASB-2026-100003"},
        headers=bearer(test_env, "officer"),
    )
    assert ours.json()["items"] == []
    detail = await client.get(f"/v1/cases/{case['id']}", headers=bearer(test_env, "admin"))
    assert detail.status_code == 404  # not 403: its existence is not disclosed


async def test_another_landlords_officer_finds_no_such_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    intervention = await client.post(
        f"/v1/cases/{case_id}/interventions",
        json=intervention_body(),
        headers=bearer(test_env, "officer"),
    )
    assert intervention.status_code == 201
    before = await snapshot(test_env, case_id)
    theirs = bearer(test_env, "admin", org=OTHER_ORG)
    base = f"/v1/cases/{case_id}"
    writes = [
        ("post", "contacts", contact_body()),
        ("post", "action-plans", plan_body()),
        ("post", "interventions", intervention_body()),
        ("patch", f"interventions/{intervention.json()['id']}", {"outcome": "Complied"}),
        ("post", "evidence", evidence_body()),
        ("post", "referrals", {"kind": "mash", "person_name": "A child", "reason": "Neglect"}),
        ("post", "closure", closure_body()),
        ("post", "reopen", {"reason": "Started again"}),
    ]
    for method, path, body in writes:
        answer = await client.request(method, f"{base}/{path}", json=body, headers=theirs)
        assert answer.status_code == 404, path
        assert answer.json()["error"]["code"] == "not_found"
    for path in ("contacts", "action-plans", "interventions", "evidence", "referrals"):
        assert (await client.get(f"{base}/{path}", headers=theirs)).status_code == 404, path
    assert await snapshot(test_env, case_id) == before


async def test_only_staff_may_act(client: httpx.AsyncClient, test_env: TestEnvironment) -> None:
    case_id, _ = await open_case(client, test_env)
    url = f"/v1/cases/{case_id}/contacts"
    assert (await client.post(url, json=contact_body())).status_code == 401
    forbidden = await client.post(url, json=contact_body(), headers=bearer(test_env, "peo"))
    assert forbidden.status_code == 403


async def test_case_list_pages_with_a_cursor(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    for n in range(5):
        await publish_event(test_env, received(f"ASB-2026-2000{n:02d}"), organisation_id=org)

    async def all_opened() -> bool:
        return (
            await count_rows(
                test_env.database_url("casework"), "cases", f"organisation_id = '{org}'"
            )
            == 5
        )

    await eventually(all_opened)
    headers = bearer(test_env, "officer", org=org)
    first = (await client.get("/v1/cases", params={"limit": 3}, headers=headers)).json()
    second = (
        await client.get(
            "/v1/cases", params={"limit": 3, "cursor": first["next_cursor"]}, headers=headers
        )
    ).json()
    assert len(first["items"]) == 3 and len(second["items"]) == 2
    assert second["next_cursor"] is None
    ids = [c["id"] for c in first["items"] + second["items"]]
    assert len(set(ids)) == 5 and ids == sorted(ids, reverse=True)
    bad = await client.get("/v1/cases", params={"limit": 0}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "query.limit"
