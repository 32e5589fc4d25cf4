"""A warning marker raised on one case shows on another case at the same address, to every
member of staff (its reason only to the roles it names), and on no resident's answer."""

from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
from asb_shared.contracts.common import Location, Person
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework_samples import ORG, bearer, now, received, sql, today


async def _case_at(test_env: TestEnvironment, street: str, **changes: object) -> str:
    reference = f"ASB-2026-{uuid.uuid4().hex[:6]}"
    event = received(reference, location=Location(address=street, postcode="SK4 2BB"), **changes)
    await publish_event(test_env, event, organisation_id=ORG)

    async def case_id() -> str | None:
        rows = await sql(
            test_env, "SELECT case_id FROM case_reports WHERE report_reference = $1", reference
        )
        return str(rows[0]["case_id"]) if rows else None

    return await eventually(case_id)


async def test_a_marker_shows_on_another_case_at_the_same_address(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    street = f"{uuid.uuid4().hex[:8]} Marker Road"
    first = await _case_at(test_env, street)
    officer = bearer(test_env, "officer")
    raised = await client.post(
        f"/v1/cases/{first}/warning-markers",
        json={
            "about": "address",
            "label": "Visit in pairs",
            "reason": "The tenant threatened a contractor with a knife in 2025",
            "reason_visible_to": ["team_leader"],
            "review_on": (today() + timedelta(days=180)).isoformat(),
        },
        headers=officer,
    )
    assert raised.status_code == 201, raised.text
    assert raised.json()["reason"] is None and raised.json()["reason_withheld"]

    # The first case closes; a new report about the same address opens a case of its own.
    await sql(test_env, "UPDATE cases SET status = 'closed' WHERE id = $1", uuid.UUID(first))
    second = await _case_at(test_env, street.upper(), received_at=now())
    assert second != first

    seen_by_officer = (await client.get(f"/v1/cases/{second}", headers=officer)).json()
    [marker] = seen_by_officer["warning_markers"]
    assert marker["label"] == "Visit in pairs" and marker["raised_on_case"] == first
    assert marker["reason"] is None and marker["reason_withheld"] is True

    leader = bearer(test_env, "team_leader", subject="leader-lee")
    [as_leader] = (await client.get(f"/v1/cases/{second}/warning-markers", headers=leader)).json()
    assert as_leader["reason"] == "The tenant threatened a contractor with a knife in 2025"

    # What casework announces of a marker is its label and review date, for the partner
    # gateway to show only under an agreement naming markers; the reason never leaves.
    announced = await sql(
        test_env,
        "SELECT payload::text AS p FROM outbox WHERE routing_key = 'casework.warning_markers.changed'"
        " AND payload::text LIKE '%' || $1 || '%'",
        second,
    )
    assert announced and all("Visit in pairs" in a["p"] for a in announced)
    everything = await sql(test_env, "SELECT payload::text AS p FROM outbox")
    assert not [a for a in everything if "knife" in a["p"]]

    removed = await client.post(
        f"/v1/warning-markers/{marker['id']}/removal",
        json={"reason": "Reviewed: tenant moved out"},
        headers=officer,
    )
    assert removed.status_code == 403
    removed = await client.post(
        f"/v1/warning-markers/{marker['id']}/removal",
        json={"reason": "Reviewed: tenant moved out"},
        headers=leader,
    )
    assert removed.status_code == 200
    assert (await client.get(f"/v1/cases/{second}", headers=officer)).json()[
        "warning_markers"
    ] == []


async def test_a_marker_on_a_subject_follows_them_and_names_one_of_the_cases_subjects(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    name = f"Rex {uuid.uuid4().hex[:6]} Subject"
    case_id = await _case_at(
        test_env, f"{uuid.uuid4().hex[:8]} Dog Lane", subjects=[Person(name=name)]
    )
    officer = bearer(test_env, "officer")
    detail = (await client.get(f"/v1/cases/{case_id}", headers=officer)).json()
    [key] = detail["subject_keys"]
    body = {
        "about": "person",
        "label": "Dangerous dog",
        "reason": "Dog bit a surveyor",
        "reason_visible_to": ["officer", "team_leader"],
        "review_on": today().isoformat(),
    }
    wrong = await client.post(
        f"/v1/cases/{case_id}/warning-markers",
        json=body | {"subject_key": "someone else"},
        headers=officer,
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["details"][0]["field"] == "subject_key"
    made = await client.post(
        f"/v1/cases/{case_id}/warning-markers", json=body | {"subject_key": key}, headers=officer
    )
    assert made.status_code == 201
    assert made.json()["reason"] == "Dog bit a surveyor" and made.json()["review_due"]
    # Another report naming the same subject, elsewhere, sees the marker too.
    await sql(test_env, "UPDATE cases SET status = 'closed' WHERE id = $1", uuid.UUID(case_id))
    other = await _case_at(
        test_env, f"{uuid.uuid4().hex[:8]} Park Road", subjects=[Person(name=name)]
    )
    shown = (await client.get(f"/v1/cases/{other}", headers=officer)).json()["warning_markers"]
    assert [m["label"] for m in shown] == ["Dangerous dog"]
