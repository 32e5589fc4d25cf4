"""The initial response agreed with the complainant at first contact: on the case and its timeline."""

from __future__ import annotations

import httpx
from asb_shared.testing import TestEnvironment
from casework_samples import bearer, contact_body, open_case, snapshot, sql

AGREED = "Officer to visit the subject on Thursday; Sam keeps a noise diary for two weeks."


async def test_the_initial_response_agreed_at_first_contact_shows_on_the_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    made = await client.post(
        f"/v1/cases/{case_id}/contacts",
        json=contact_body(initial_response=AGREED),
        headers=officer,
    )
    assert made.status_code == 201, made.text
    detail = (await client.get(f"/v1/cases/{case_id}", headers=officer)).json()
    assert detail["initial_response"] == AGREED
    [entry] = await sql(
        test_env,
        "SELECT summary, data FROM timeline WHERE case_id = $1::uuid AND kind = 'initial_response'",
        case_id,
    )
    assert AGREED in entry["summary"]

    # A later contact without one leaves it; a changed agreement replaces it, on the timeline.
    plain = await client.post(f"/v1/cases/{case_id}/contacts", json=contact_body(), headers=officer)
    assert plain.status_code == 201
    assert (await client.get(f"/v1/cases/{case_id}", headers=officer)).json()[
        "initial_response"
    ] == AGREED
    changed = await client.post(
        f"/v1/cases/{case_id}/contacts",
        json=contact_body(initial_response="Mediation offered instead of a visit."),
        headers=officer,
    )
    assert changed.status_code == 201
    detail = (await client.get(f"/v1/cases/{case_id}", headers=officer)).json()
    assert detail["initial_response"] == "Mediation offered instead of a visit."
    entries = await sql(
        test_env,
        "SELECT data FROM timeline WHERE case_id = $1::uuid AND kind = 'initial_response'"
        " ORDER BY at",
        case_id,
    )
    assert len(entries) == 2 and AGREED in entries[-1]["data"]


async def test_an_initial_response_is_agreed_only_with_a_complainant(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    before = await snapshot(test_env, case_id)
    for body in (
        contact_body(with_whom="witness", initial_response=AGREED),
        contact_body(initial_response=""),
        contact_body(initial_response="a\x00b"),
    ):
        refused = await client.post(f"/v1/cases/{case_id}/contacts", json=body, headers=officer)
        assert refused.status_code == 422, refused.text
        assert [d["field"] for d in refused.json()["error"]["details"]] == ["initial_response"]
    assert await snapshot(test_env, case_id) == before
    detail = (await client.get(f"/v1/cases/{case_id}", headers=officer)).json()
    assert detail["initial_response"] is None
