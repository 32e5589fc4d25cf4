"""A subject access request in casework: found by the people matching, due in a calendar month,
every service's answer taken from the bus, marks reviewed before the release is recorded."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from asb_shared.contracts.engagement import EngagementSubjectAccessContributed
from asb_shared.contracts.intake import IntakeSubjectAccessContributed, Reporter
from asb_shared.contracts.notifications import NotificationsSubjectAccessContributed
from asb_shared.contracts.partner_gateway import PartnersSubjectAccessContributed
from asb_shared.messaging import Envelope
from asb_shared.subject_access import item
from asb_shared.testing import TestEnvironment, captured_events, eventually, publish_event
from casework.subject_access.deadline import due_on
from casework_samples import ORG, OTHER_ORG, bearer, cases_for, now, received_v2


async def test_a_request_gathers_every_services_answer_and_is_released_after_review(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    email = f"ash+{uuid.uuid4().hex[:8]}@example.org"
    reference = f"ASB-2026-{uuid.uuid4().int % 900000 + 100000}"
    reporter = Reporter(name="Ash Asker", email=email, phone="07700 900999")
    await publish_event(test_env, received_v2(reference, reporter=reporter), organisation_id=ORG)
    await eventually(lambda: cases_for(test_env, reference))
    leader = bearer(test_env, "team_leader")
    sar = "/v1/subject-access"

    found = await client.get(f"{sar}/people", params={"email": email}, headers=leader)
    assert [p["report_reference"] for p in found.json()] == [reference]
    # A name alone never recognises anyone.
    assert (
        await client.get(f"{sar}/people", params={"name": "Ash Asker"}, headers=leader)
    ).status_code == 422
    theirs = bearer(test_env, "team_leader", org=OTHER_ORG)
    assert (await client.get(f"{sar}/people", params={"email": email}, headers=theirs)).json() == []

    received_on = now().date() - timedelta(days=3)
    async with captured_events(test_env, "casework.subject_access.requested") as asked:
        started = await client.post(
            sar, json={"email": email, "received_on": received_on.isoformat()}, headers=leader
        )
        assert started.status_code == 201, started.text
        request: dict[str, Any] = started.json()

        async def the_request() -> list[Envelope]:
            return [e for e in asked if e.data["request_id"] == request["id"]]

        [event] = await eventually(the_request)
    assert event.data["emails"] == [email] and event.data["report_references"] == [reference]
    assert date.fromisoformat(request["due_on"]) == due_on(received_on)
    assert request["contributed"] == ["casework"] and not request["complete"]
    future = (now().date() + timedelta(days=2)).isoformat()
    assert (
        await client.post(sar, json={"email": email, "received_on": future}, headers=leader)
    ).status_code == 422
    long_ago = await client.post(
        sar, json={"email": email, "received_on": "0001-01-01"}, headers=leader
    )
    assert long_ago.status_code == 422
    assert long_ago.json()["error"]["details"][0]["field"] == "received_on"

    request_id = uuid.UUID(request["id"])
    answers = [
        IntakeSubjectAccessContributed(
            request_id=request_id,
            items=[
                item(
                    "report",
                    {"your_email": email, "people": [{"role": "witness", "name": "Kit"}]},
                    reference=reference,
                )
            ],
        ),
        NotificationsSubjectAccessContributed(request_id=request_id),
        EngagementSubjectAccessContributed(request_id=request_id),
        PartnersSubjectAccessContributed(request_id=request_id),
    ]
    for answer in answers:
        await publish_event(test_env, answer, organisation_id=ORG)
    # A repeat changes nothing (the inbox, and one answer a service).
    await publish_event(test_env, answers[0], organisation_id=ORG)

    async def complete() -> dict[str, Any] | None:
        got = (await client.get(f"{sar}/{request_id}", headers=leader)).json()
        return got if got["complete"] else None

    done = await eventually(complete)
    items = (await client.get(f"{sar}/{request_id}/items", headers=leader)).json()
    [witness] = [i for i in items if i["source"] == "intake"]
    assert witness["others"] == ["people"]
    mine = [i for i in items if i["source"] == "casework" and i["kind"] == "complainant_record"]
    assert mine and mine[0]["data"]["email"] == email

    assert (
        await client.post(f"{sar}/{request_id}/release", json={}, headers=leader)
    ).status_code == 409
    bad = await client.post(
        f"{sar}/{request_id}/items/{witness['id']}/review",
        json={"redact": ["nope"]},
        headers=leader,
    )
    assert bad.status_code == 422
    for marked in [i for i in items if i["others"]]:
        redact = ["people"] if marked["id"] == witness["id"] else []
        assert (
            await client.post(
                f"{sar}/{request_id}/items/{marked['id']}/review",
                json={"redact": redact},
                headers=leader,
            )
        ).status_code == 200
    extended = await client.post(
        f"{sar}/{request_id}/extension", json={"months": 2}, headers=leader
    )
    assert date.fromisoformat(extended.json()["due_on"]) == due_on(received_on, extension_months=2)
    released = await client.post(
        f"{sar}/{request_id}/release", json={"note": "by post"}, headers=leader
    )
    assert released.status_code == 200, released.text
    assert (
        released.json()["release_note"] == "by post" and done["items"] <= released.json()["items"]
    )
    export = (await client.get(f"{sar}/{request_id}/export.json", headers=leader)).json()
    [witness_out] = [i for i in export["items"] if i["id"] == witness["id"]]
    assert "Kit" not in str(witness_out["data"])
    assert (
        await client.post(f"{sar}/{request_id}/release", json={}, headers=leader)
    ).status_code == 409
    # Officers do not handle subject access; another landlord finds no such request.
    assert (
        await client.get(f"{sar}/{request_id}", headers=bearer(test_env, "officer"))
    ).status_code == 403
    assert (await client.get(f"{sar}/{request_id}", headers=theirs)).status_code == 404
