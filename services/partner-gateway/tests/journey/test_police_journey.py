"""The police journey through the gateway over the real bus: an officer shares a case with the
police; a police system gets a token, reads the redacted case, posts an update (published for
casework's timeline), is invited to a case conference and completes its action, and receives
a signed webhook when the case closes, verified with the standard's reference verification."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from asb_shared.contracts.casework import CaseClosedV2
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import captured_events, eventually, publish_event
from gateway_samples import Gateway, complainant, receiver
from standardwebhooks import Webhook


async def test_police_work_a_shared_case_from_share_to_closure(
    gateway: Gateway, org: uuid.UUID
) -> None:
    police = await gateway.partner(org, name="Greater Manchester Police")
    agreement = await gateway.agreement(
        org,
        police["id"],
        categories=["noise", "drugs"],
        fields=["reference", "status", "categories", "officer", "outcome"],
    )
    creds = await gateway.credentials(org, police["id"])
    case_id = await gateway.open_case(
        org, [AsbCategory.DRUGS, AsbCategory.NOISE], complainant=complainant()
    )
    reference = (await gateway.projected(org, case_id))["case_reference"]
    officer = gateway.staff(org, "officer")

    async with (
        receiver() as police_server,
        captured_events(
            gateway.env, "partners.update.posted", "partners.conference_action.updated"
        ) as published,
    ):
        token = await gateway.token(creds)
        hook = await gateway.api.post(
            "/partner/v1/webhook-endpoints",
            json={"url": police_server.url("/ok"), "event_types": ["case.closed"]},
            headers={**token, "Idempotency-Key": f"hook-{org}"},
        )
        secret = hook.json()["secret"]

        assert (await gateway.share(org, case_id, police["id"], agreement["id"])).status_code == 201
        read = await gateway.api.get(f"/partner/v1/cases/{case_id}", headers=token)
        assert read.status_code == 200
        assert read.json()["reference"] == reference and "complainant_name" not in read.json()

        update = {
            "kind": "action",
            "action": "joint_visit_done",
            "text": "Joint visit with the housing officer",
            "occurred_at": datetime.now(UTC).isoformat(),
            "posted_by": "PS 42 Shah",
        }
        posted = await gateway.api.post(
            f"/partner/v1/cases/{case_id}/updates",
            json=update,
            headers={**token, "Idempotency-Key": f"u-{org}"},
        )
        assert posted.status_code == 201

        conference = await gateway.api.post(
            f"/v1/cases/{case_id}/conferences",
            json={
                "title": "Case conference",
                "scheduled_at": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
                "location": "Police station",
                "agenda": ["Closure order"],
                "invite": [police["id"]],
            },
            headers=officer,
        )
        action = await gateway.api.post(
            f"/v1/conferences/{conference.json()['id']}/actions",
            json={
                "description": "Apply for a closure order",
                "owner_partner_id": police["id"],
                "due_on": (date.today() + timedelta(days=7)).isoformat(),
            },
            headers=officer,
        )
        done = await gateway.api.post(
            f"/partner/v1/conference-actions/{action.json()['id']}/updates",
            json={"status": "done", "note": "Closure order granted"},
            headers={**token, "Idempotency-Key": f"a-{org}"},
        )
        assert done.status_code == 200

        await publish_event(
            gateway.env,
            CaseClosedV2(
                case_id=case_id,
                case_reference=reference,
                version=5,
                status="closed",
                outcome="resolved",
                reason="Closure order granted",
                closed_at=datetime.now(UTC),
                anonymous=False,
            ),
            organisation_id=org,
        )
        await eventually(lambda: _has(police_server.at("/ok")))
        await eventually(lambda: _has(published, 2))

    message = police_server.at("/ok")[0]
    payload = Webhook(secret).verify(message.body, message.headers)
    assert payload["type"] == "case.closed"
    assert payload["data"]["outcome"]["reason"] == "Closure order granted"
    events = {e.type: e for e in published if e.organisation_id == org}
    assert events["partners.update.posted"].data["partner_name"] == "Greater Manchester Police"
    assert events["partners.update.posted"].data["case_reference"] == reference
    assert events["partners.conference_action.updated"].data["status"] == "done"


async def _has(items: list[object], n: int = 1) -> bool:
    return len(items) >= n
