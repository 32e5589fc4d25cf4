"""A text Notify accepted but whose final status never came back (the callback lost) is asked
about, so it never stays "sending"; one Notify has no record of fails and the officer is told."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from asb_shared.contracts.common import ContactChannel
from asb_shared.testing import TestEnvironment, eventually, publish_event
from notification_samples import Running, opened_v2, record, running

ORG = uuid.uuid4()


@pytest.fixture(scope="module")
async def svc(test_env: TestEnvironment) -> AsyncIterator[Running]:
    async with running(test_env, notify_status_check_after_seconds=0.5, send_lease_seconds=3) as r:
        yield r


async def test_a_lost_callback_is_made_up_by_asking_notify(svc: Running) -> None:
    number = "07700900431"
    script = {"recipient": number, "outcomes": [{"status": "delivered", "callback": False}]}
    assert (await svc.notify.post("/fake/scripts", json=script)).status_code == 204
    who = record(phone=number, reference="ASB-2026-610001", preferred=ContactChannel.SMS)
    event = opened_v2("ASB-2026-610001", who)
    await publish_event(svc.env, event, organisation_id=ORG)

    [ack] = await svc.settled(event.case_id, ORG, 1)
    assert ack["status"] == "delivered"
    assert [d["outcome"] for d in ack["decisions"]] == ["sending", "accepted", "delivered"]
    assert ack["decisions"][-1]["reasons"] == ["GOV.UK Notify: delivered"]
    [delivered] = await svc.announced("notifications.message.delivered", message_id=ack["id"])
    assert delivered.data["channel"] == "sms"
    sent = await svc.sms_to(number)
    assert len(sent) == 1  # asked about, never sent again
    callbacks = (await svc.notify.get("/fake/callbacks")).json()
    assert not [c for c in callbacks if c["payload"]["id"] == sent[0]["id"]]


async def test_a_text_notify_has_no_record_of_fails_and_the_officer_is_told(svc: Running) -> None:
    number = "07700900432"
    script = {"recipient": number, "outcomes": [{"status": "delivered", "callback": False}]}
    assert (await svc.notify.post("/fake/scripts", json=script)).status_code == 204
    who = record(phone=number, reference="ASB-2026-610002", preferred=ContactChannel.SMS)
    event = opened_v2("ASB-2026-610002", who)
    await publish_event(svc.env, event, organisation_id=ORG)
    await eventually(lambda: svc.sms_to(number))
    # Notify keeps a notification for 7 days; after that it answers 404.
    assert (await svc.notify.delete("/fake/notifications")).status_code == 204

    messages = await svc.settled(event.case_id, ORG, 2)
    [ack] = [m for m in messages if m["template"] == "report_acknowledgement"]
    assert ack["status"] == "failed"
    assert "holds no record" in ack["last_error"]
    [alert] = [m for m in messages if m["template"] == "delivery_failed"]
    assert alert["recipient"] == "team_leaders"  # no officer assigned yet
    await svc.announced("notifications.message.failed", message_id=ack["id"])
