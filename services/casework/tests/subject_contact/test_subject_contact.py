"""The subject is contacted only with the complainant's agreement, or a team leader's override."""

from __future__ import annotations

import httpx
from asb_shared.testing import TestEnvironment
from casework_samples import bearer, contact_body, open_case, snapshot


async def test_contacting_the_subject_needs_the_complainants_agreement(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer, leader = bearer(test_env, "officer"), bearer(test_env, "team_leader")
    contacts = f"/v1/cases/{case_id}/contacts"
    decide = f"/v1/cases/{case_id}/subject-contact"
    visit = contact_body(with_whom="subject", method="visit", summary="Visited flat 12")

    before = await snapshot(test_env, case_id)
    refused = await client.post(contacts, json=visit, headers=officer)
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == "complainant_agreement_needed"
    assert "agreement" in refused.json()["error"]["message"]
    assert await snapshot(test_env, case_id) == before
    # The complainant said no: still refused, with that reason.
    no = await client.post(
        decide, json={"decision": "refused", "reason": "Afraid of reprisals"}, headers=officer
    )
    assert no.status_code == 200, no.text
    assert no.json()["subject_contact"] == "refused"
    again = await client.post(contacts, json=visit, headers=officer)
    assert again.status_code == 409
    assert "has not agreed" in again.json()["error"]["message"]
    # Only a team leader overrides, with a reason.
    denied = await client.post(
        decide, json={"decision": "overridden", "reason": "Threats to others"}, headers=officer
    )
    assert denied.status_code == 403
    overridden = await client.post(
        decide,
        json={"decision": "overridden", "reason": "Threats to other residents too"},
        headers=leader,
    )
    assert overridden.status_code == 200, overridden.text
    done = await client.post(contacts, json=visit, headers=officer)
    assert done.status_code == 201, done.text
    # Contacts with anyone else never needed it.
    witness = contact_body(with_whom="witness", summary="Neighbour at 14 heard it too")
    other, _ = await open_case(client, test_env, status="investigating")
    assert (
        await client.post(f"/v1/cases/{other}/contacts", json=witness, headers=officer)
    ).status_code == 201


async def test_with_the_complainants_agreement_the_subject_is_contacted(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    yes = await client.post(
        f"/v1/cases/{case_id}/subject-contact",
        json={"decision": "agreed", "reason": "Happy for us to visit"},
        headers=officer,
    )
    assert yes.status_code == 200
    visit = contact_body(with_whom="subject", method="visit", summary="Visited flat 12")
    made = await client.post(f"/v1/cases/{case_id}/contacts", json=visit, headers=officer)
    assert made.status_code == 201, made.text
