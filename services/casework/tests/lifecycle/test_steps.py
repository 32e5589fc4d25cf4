"""Steps the lifecycle does not allow are refused with 409, listing the steps allowed now."""

from __future__ import annotations

import httpx
from asb_shared.testing import TestEnvironment, publish_event
from casework_samples import (
    ORG,
    bearer,
    case_of,
    closure_body,
    intervention_body,
    open_case,
    plan_body,
    received,
    rows_on,
    snapshot,
)


async def test_an_illegal_step_is_409_listing_what_is_allowed(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(test_env, received("ASB-2026-400021"), organisation_id=ORG)
    case = await case_of(client, test_env, "ASB-2026-400021")
    response = await client.post(
        f"/v1/cases/{case['id']}/commands",
        json={"command": "start_interventions"},
        headers=bearer(test_env, "officer"),
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "illegal_transition"
    assert error["details"][0]["field"] == "command"
    assert "assign" in error["details"][0]["message"]
    unknown = await client.post(
        f"/v1/cases/{case['id']}/commands",
        json={"command": "teleport"},
        headers=bearer(test_env, "officer"),
    )
    assert unknown.status_code == 422


async def test_a_step_the_lifecycle_does_not_allow_is_a_conflict_listing_the_allowed_ones(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="open")
    headers = bearer(test_env, "officer")
    before = await snapshot(test_env, case_id)

    reopen = await client.post(
        f"/v1/cases/{case_id}/reopen", json={"reason": "try it"}, headers=headers
    )
    assert reopen.status_code == 409
    error = reopen.json()["error"]
    assert error["code"] == "illegal_transition"
    [detail] = error["details"]
    assert detail["type"] == "allowed_commands"
    for command in ("start_investigation", "agree_action_plan", "start_interventions", "resolve"):
        assert command in detail["message"]
    assert "reopen" not in detail["message"]
    assert await snapshot(test_env, case_id) == before

    # Not ASB at triage: no action plan, no interventions, and information only after a plan.
    triaged, _ = await open_case(client, test_env, status="triaged")
    for path, body in (("action-plans", plan_body()), ("interventions", intervention_body())):
        refused = await client.post(f"/v1/cases/{triaged}/{path}", json=body, headers=headers)
        assert refused.status_code == 409, path
        assert "assign" in refused.json()["error"]["details"][0]["message"]
    planned, _ = await open_case(client, test_env, status="action_plan_agreed")
    late = await client.post(
        f"/v1/cases/{planned}/closure",
        json=closure_body(outcome="information_only"),
        headers=headers,
    )
    assert late.status_code == 409
    # Nothing of the refused closure stays behind, not even its discussion contact.
    assert await rows_on(test_env, "contacts", planned) == 0
