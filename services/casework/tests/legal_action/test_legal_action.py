"""Legal action is refused until a team leader approves it, and allowed after."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.testing import TestEnvironment
from casework_samples import bearer, open_case, sql

PROPOSAL = {
    "action": "civil_injunction",
    "options_tried": [
        {"option": "warning_letter", "outcome": "Ignored: music went on the same week"},
        {"option": "acceptable_behaviour_contract", "outcome": "Broken three times"},
    ],
    "reason": "Every option short of court has failed and the neighbours are at risk.",
}


async def test_proceedings_are_refused_without_the_approval_and_allowed_with_it(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    base = f"/v1/cases/{case_id}/legal-actions"
    proposed = await client.post(base, json=PROPOSAL, headers=officer)
    assert proposed.status_code == 201, proposed.text
    action = proposed.json()
    assert action["stage"] == "awaiting_approval"
    assert [o["option"] for o in action["options_tried"]] == [
        "warning_letter",
        "acceptable_behaviour_contract",
    ]
    one = f"{base}/{action['id']}"

    refused = await client.post(f"{one}/proceedings", json={"note": "Filed"}, headers=officer)
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert "approval" in error["message"]
    assert error["details"] == [
        {"field": "step", "message": "allowed now: decide", "type": "allowed_steps"}
    ]

    # An officer cannot approve, nor a team leader their own proposal.
    by_officer = await client.post(
        f"{one}/decision", json={"approved": True, "reason": "Looks right"}, headers=officer
    )
    assert by_officer.status_code == 403
    leader = bearer(test_env, "team_leader", subject="leader-lee")
    approved = await client.post(
        f"{one}/decision", json={"approved": True, "reason": "Proportionate now"}, headers=leader
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["stage"] == "approved"
    assert approved.json()["decided_by"] == "leader-lee"

    started = await client.post(
        f"{one}/proceedings", json={"note": "Filed at Stockport County Court"}, headers=officer
    )
    assert started.status_code == 200, started.text
    assert started.json()["stage"] == "proceedings"
    kinds = [
        r["kind"]
        for r in await sql(
            test_env, "SELECT kind FROM timeline WHERE case_id = $1 ORDER BY at", uuid.UUID(case_id)
        )
    ]
    assert kinds[-3:] == ["legal_action_proposed", "legal_action_decided", "legal_proceedings"]


async def test_a_proposal_without_an_option_short_of_legal_action_is_refused(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    refused = await client.post(
        f"/v1/cases/{case_id}/legal-actions",
        json=PROPOSAL | {"options_tried": []},
        headers=bearer(test_env, "officer"),
    )
    assert refused.status_code == 422
    assert [d["field"] for d in refused.json()["error"]["details"]] == ["options_tried"]
