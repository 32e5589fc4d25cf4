"""A multi-agency case conference: scheduled, partners invited, actions owned and updated,
overdue actions visible to the officer."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import captured_events, eventually
from gateway_samples import Gateway, complainant


async def test_partners_see_the_agenda_and_complete_their_actions(
    gateway: Gateway, org: uuid.UUID
) -> None:
    police = await gateway.partner(org)
    agreement = await gateway.agreement(
        org, police["id"], categories=["noise"], fields=["reference", "status"]
    )
    headers = await gateway.token(await gateway.credentials(org, police["id"]))
    council = await gateway.partner(org, name="Council ASB unit", kind="council_asb")
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    assert (await gateway.share(org, case_id, police["id"], agreement["id"])).status_code == 201
    officer = gateway.staff(org, "officer")

    body = {
        "title": "Flat 12 noise: multi-agency meeting",
        "scheduled_at": (datetime.now(UTC) + timedelta(days=2)).isoformat(),
        "location": "Stockport Town Hall, room 4",
        "agenda": ["Incidents since last review", "Enforcement options"],
        "invite": [police["id"], council["id"]],
    }
    refused = await gateway.api.post(f"/v1/cases/{case_id}/conferences", json=body, headers=officer)
    assert refused.status_code == 422  # the council has no share of the case: not invited
    body["invite"] = [police["id"]]
    created = await gateway.api.post(f"/v1/cases/{case_id}/conferences", json=body, headers=officer)
    assert created.status_code == 201, created.text
    conference = created.json()

    yesterday = date.today() - timedelta(days=1)
    action = await gateway.api.post(
        f"/v1/conferences/{conference['id']}/actions",
        json={
            "description": "Joint visit to flat 12",
            "owner_partner_id": police["id"],
            "due_on": yesterday.isoformat(),
        },
        headers=officer,
    )
    assert action.status_code == 201, action.text
    assert action.json()["overdue"] is True and action.json()["owner_name"] == police["name"]
    overdue = await gateway.api.get(
        f"/v1/cases/{case_id}/conference-actions?overdue_only=true", headers=officer
    )
    assert [a["id"] for a in overdue.json()] == [action.json()["id"]]

    seen_by_police = await gateway.api.get(
        f"/partner/v1/conferences/{conference['id']}", headers=headers
    )
    assert seen_by_police.status_code == 200, seen_by_police.text
    view = seen_by_police.json()
    assert view["agenda"] == body["agenda"]
    assert set(view["case"]) == {"case_id", "reference", "status", "withheld"}
    assert [a["overdue"] for a in view["actions"]] == [True]

    async with captured_events(gateway.env, "partners.conference_action.updated") as seen:
        done = await gateway.api.post(
            f"/partner/v1/conference-actions/{action.json()['id']}/updates",
            json={"status": "done", "note": "Visited with the housing officer"},
            headers={**headers, "Idempotency-Key": f"act-{uuid.uuid4()}"},
        )
        assert done.status_code == 200, done.text
        assert done.json()["overdue"] is False
        await eventually(lambda: _some(seen))
    assert seen[0].data["status"] == "done" and seen[0].data["partner_name"] == police["name"]
    overdue = await gateway.api.get(
        f"/v1/cases/{case_id}/conference-actions?overdue_only=true", headers=officer
    )
    assert overdue.json() == []

    # A partner not invited sees nothing of the conference.
    other = await gateway.partner(org, name="Probation", kind="probation")
    await gateway.agreement(org, other["id"], categories=["noise"])
    other_headers = await gateway.token(await gateway.credentials(org, other["id"]))
    answer = await gateway.api.get(
        f"/partner/v1/conferences/{conference['id']}", headers=other_headers
    )
    assert answer.status_code == 404


async def _some(items: list[object]) -> bool:
    return bool(items)
