"""Temporary failures are retried with growing waits; permanent ones fail the message, tell
the officer in the app and announce it. Through the mail sink and the Notify fake."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest
from asb_shared.contracts.casework import CaseAssigned
from asb_shared.contracts.common import ContactChannel
from asb_shared.testing import TestEnvironment, eventually, publish_event
from notification_samples import Running, opened_v2, record, running

ORG = uuid.uuid4()
S, E = ContactChannel.SMS, ContactChannel.EMAIL


@pytest.fixture(scope="module")
async def svc(test_env: TestEnvironment) -> AsyncIterator[Running]:
    async with running(test_env, max_attempts=4) as r:
        yield r


async def _assigned(svc: Running, case_id: uuid.UUID, reference: str) -> None:
    await _assigned_in(svc, ORG, case_id, reference)


async def _assigned_in(
    svc: Running, organisation: uuid.UUID, case_id: uuid.UUID, reference: str
) -> None:
    await publish_event(
        svc.env,
        CaseAssigned(
            case_id=case_id,
            case_reference=reference,
            version=2,
            status="open",
            officer_id="o-lee",
            officer_name="Lee Officer",
            reason="new case",
        ),
        organisation_id=organisation,
    )


async def test_an_sms_that_fails_for_now_and_then_for_good_alerts_the_officer(
    svc: Running,
) -> None:
    number = "07700900777"
    script = {
        "recipient": number,
        "outcomes": [{"http": 429}, {"http": 503}, {"status": "permanent-failure"}],
    }
    assert (await svc.notify.post("/fake/scripts", json=script)).status_code == 204
    who = record(phone=number, reference="ASB-2026-600001", preferred=S)
    event = opened_v2("ASB-2026-600001", who)
    await _assigned(svc, event.case_id, event.case_reference)
    await publish_event(svc.env, event, organisation_id=ORG)
    messages = await svc.settled(event.case_id, ORG, 2)
    [ack] = [m for m in messages if m["template"] == "report_acknowledgement"]
    assert ack["status"] == "failed"
    assert ack["attempts"] == 3
    outcomes = [d["outcome"] for d in ack["decisions"]]
    assert outcomes == ["sending", "retry", "sending", "retry", "sending", "accepted", "failed"]
    assert "Notify 429" in ack["decisions"][1]["reasons"][0]
    assert "Notify 503" in ack["decisions"][3]["reasons"][0]
    assert ack["last_error"] == "GOV.UK Notify: permanent-failure"
    [alert] = [m for m in messages if m["template"] == "delivery_failed"]
    assert alert["recipient"] == "o-lee" and alert["status"] == "delivered"
    assert "could not be delivered" in alert["subject"]
    [failed] = await svc.announced("notifications.message.failed", message_id=ack["id"])
    assert failed.data["channel"] == "sms"
    assert len(await svc.sms_to(number)) == 1  # one accepted by Notify, after two refusals


async def test_an_invalid_number_fails_at_once(svc: Running) -> None:
    who = record(phone="01614960000", reference="ASB-2026-600002", preferred=S)
    event = opened_v2("ASB-2026-600002", who)
    await publish_event(svc.env, event, organisation_id=ORG)
    messages = await svc.settled(event.case_id, ORG, 2)
    [ack] = [m for m in messages if m["template"] == "report_acknowledgement"]
    assert ack["status"] == "failed" and ack["attempts"] == 1
    assert "Not a UK mobile number" in ack["last_error"]
    [alert] = [m for m in messages if m["template"] == "delivery_failed"]
    assert alert["recipient"] == "team_leaders"  # no officer assigned yet


async def test_a_relay_that_says_try_later_is_tried_again_and_one_that_refuses_is_not(
    svc: Running,
) -> None:
    later = record(email="greylist-1@example.org", reference="ASB-2026-600003", preferred=E)
    event = opened_v2("ASB-2026-600003", later)
    await publish_event(svc.env, event, organisation_id=ORG)
    [mail] = await eventually(lambda: svc.mail_to("greylist-1@example.org"), timeout=20)
    [ack] = await svc.settled(event.case_id, ORG, 1)
    assert ack["status"] == "delivered" and ack["attempts"] == 2
    assert ack["decisions"][1]["outcome"] == "retry" and "451" in ack["decisions"][1]["reasons"][0]
    assert mail["headers"]["Message-ID"] == f"<{ack['id']}@asb.example.org>"

    never = record(email="bounce-1@example.org", reference="ASB-2026-600004", preferred=E)
    event = opened_v2("ASB-2026-600004", never)
    await publish_event(svc.env, event, organisation_id=ORG)
    messages = await svc.settled(event.case_id, ORG, 2)
    [ack] = [m for m in messages if m["template"] == "report_acknowledgement"]
    assert ack["status"] == "failed" and ack["attempts"] == 1
    assert "550" in ack["last_error"]


async def test_notify_callbacks_need_the_bearer_token(svc: Running) -> None:
    body = {"id": str(uuid.uuid4()), "reference": None, "status": "delivered"}
    for header in ({}, {"Authorization": "Bearer wrong-token"}):
        got = await svc.api.post("/v1/notify/callbacks", json=body, headers=header)
        assert got.status_code == 401
        assert got.json()["error"]["code"] == "unauthorized"
    from asb_devtools.notifyfake import DEV_CALLBACK_TOKEN

    got = await svc.api.post(
        "/v1/notify/callbacks",
        json=body,
        headers={"Authorization": f"Bearer {DEV_CALLBACK_TOKEN}"},
    )
    assert got.status_code == 404


async def test_a_saved_template_that_would_run_for_ever_fails_the_message_at_once(
    svc: Running,
) -> None:
    # As if saved before templates were bounded: the dispatcher must not hang on it.
    org = uuid.uuid4()
    svc.staff("officer", org)  # registers the landlord
    conn = await asyncpg.connect(svc.database_url.replace("+asyncpg", ""))
    try:
        await conn.execute(
            "INSERT INTO templates (id, organisation_id, kind, language, version, subject, body,"
            " fields, created_by) VALUES ($1, $2, 'report_acknowledgement', 'en', 1, 'Hi', $3,"
            " '[]', 'an admin')",
            uuid.uuid4(),
            org,
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        )
    finally:
        await conn.close()
    who = record(email="loops@example.org", reference="ASB-2026-600009", preferred=E)
    event = opened_v2("ASB-2026-600009", who)
    await _assigned_in(svc, org, event.case_id, event.case_reference)
    await publish_event(svc.env, event, organisation_id=org)
    messages = await svc.settled(event.case_id, org, 2)
    [ack] = [m for m in messages if m["template"] == "report_acknowledgement"]
    assert ack["status"] == "failed" and ack["attempts"] == 0
    assert "too much work" in ack["last_error"]
    [alert] = [m for m in messages if m["template"] == "delivery_failed"]
    assert alert["recipient"] == "o-lee" and alert["status"] == "delivered"
    assert await svc.mail_to("loops@example.org") == []
