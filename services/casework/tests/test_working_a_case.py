"""An officer works a case through every feature: contact, plan, interventions, evidence,
closure and reopening."""

from __future__ import annotations

import json
import uuid

import httpx
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, eventually
from casework_samples import (
    CLOSED,
    OFFICER,
    ORG,
    SHA,
    bearer,
    closure_body,
    contact_body,
    events_for,
    evidence_body,
    intervention_body,
    open_case,
    plan_body,
    sql,
    status_of,
)


async def test_an_officer_works_a_case_from_first_contact_to_closure(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    case_id, reference = await open_case(client, test_env)
    headers = bearer(test_env, "officer")
    base = f"/v1/cases/{case_id}"

    contact = await client.post(f"{base}/contacts", json=contact_body(), headers=headers)
    assert contact.status_code == 201, contact.text
    assert contact.json()["with_whom"] == "complainant"
    assert contact.json()["recorded_by"] == OFFICER

    plan = await client.post(f"{base}/action-plans", json=plan_body(), headers=headers)
    assert plan.status_code == 201, plan.text
    assert [a["action"] for a in plan.json()["actions"]] == [
        "Keep a noise diary",
        "Visit the subject",
    ]
    assert await status_of(test_env, case_id) == "action_plan_agreed"
    [case] = await sql(
        test_env, "SELECT contact_frequency_days FROM cases WHERE id = $1", uuid.UUID(case_id)
    )
    assert case["contact_frequency_days"] == 14

    letter = await client.post(f"{base}/interventions", json=intervention_body(), headers=headers)
    assert letter.status_code == 201, letter.text
    assert letter.json()["legal"] is False
    assert await status_of(test_env, case_id) == "interventions"

    injunction = await client.post(
        f"{base}/interventions",
        json=intervention_body(
            "civil_injunction",
            notes="Without notice application",
            positive_requirements=["Attend an alcohol awareness course"],
        ),
        headers=headers,
    )
    assert injunction.status_code == 201, injunction.text
    assert injunction.json()["legal"] is True
    assert injunction.json()["positive_requirements"] == ["Attend an alcohol awareness course"]
    outcome = await client.patch(
        f"{base}/interventions/{letter.json()['id']}",
        json={"outcome": "Acknowledged by the subject; behaviour improved"},
        headers=headers,
    )
    assert outcome.status_code == 200, outcome.text
    assert outcome.json()["outcome"] == "Acknowledged by the subject; behaviour improved"
    missing = await client.patch(
        f"{base}/interventions/{uuid.uuid4()}", json={"outcome": "x"}, headers=headers
    )
    assert missing.status_code == 404

    evidence = await client.post(f"{base}/evidence", json=evidence_body(), headers=headers)
    assert evidence.status_code == 201, evidence.text
    assert evidence.json()["sha256"] == SHA.lower()
    assert evidence.json()["added_by"] == OFFICER

    closure = await client.post(f"{base}/closure", json=closure_body(), headers=headers)
    assert closure.status_code == 201, closure.text
    assert closure.json()["outcome"] == "resolved"
    assert closure.json()["status"] == "resolved"
    [closed] = await sql(
        test_env,
        "SELECT status, outcome, closure_reason, closed_at FROM cases WHERE id = $1",
        uuid.UUID(case_id),
    )
    assert closed["status"] == "resolved" and closed["outcome"] == "resolved"
    assert closed["closure_reason"].startswith("The music stopped") and closed["closed_at"]

    # The closure discussion is a contact with the complainant too.
    contacts = (await client.get(f"{base}/contacts", headers=headers)).json()["items"]
    assert [c["with_whom"] for c in contacts] == ["complainant", "complainant"]
    assert contacts[0]["id"] == closure.json()["discussion_contact_id"]

    [event] = await eventually(events_for(seen, CLOSED, case_id))
    assert event.organisation_id == ORG
    assert event.data["outcome"] == "resolved"
    assert event.data["anonymous"] is False
    # Complainants are not carried: notifications finds them in its own projection.
    assert "complainant" not in event.data and "sam@example.org" not in json.dumps(event.data)
    assert event.data["report_references"] == [reference]

    listed = (await client.get(f"{base}/interventions", headers=headers)).json()["items"]
    assert {i["kind"]: i["positive_requirements"] for i in listed} == {
        "civil_injunction": ["Attend an alcohol awareness course"],
        "warning_letter": [],
    }
    assert len((await client.get(f"{base}/action-plans", headers=headers)).json()["items"]) == 1
    assert len((await client.get(f"{base}/evidence", headers=headers)).json()["items"]) == 1
    paged = (await client.get(f"{base}/contacts", params={"limit": 1}, headers=headers)).json()
    assert len(paged["items"]) == 1 and paged["next_cursor"] == contacts[0]["id"]

    kinds = [
        r["kind"]
        for r in await sql(
            test_env,
            "SELECT kind, actor FROM timeline WHERE case_id = $1 AND actor = $2 ORDER BY at, id",
            uuid.UUID(case_id),
            OFFICER,
        )
    ]
    for kind in ("contact", "action_plan", "intervention", "intervention_outcome", "evidence"):
        assert kind in kinds
    assert kinds[-1] == "closure"

    # Reopening clears the outcome; the case can be worked again.
    reopened = await client.post(
        f"{base}/reopen", json={"reason": "The music started again"}, headers=headers
    )
    assert reopened.status_code == 201, reopened.text
    assert reopened.json()["status"] == "reopened"
    [again] = await sql(
        test_env, "SELECT outcome, closed_at FROM cases WHERE id = $1", uuid.UUID(case_id)
    )
    assert again["outcome"] is None and again["closed_at"] is None
