"""Each kind of message, from the event that asks for it to the channel that carries it,
through the real bus, the mail sink and the GOV.UK Notify fake."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from asb_shared.contracts.casework import (
    CaseAssigned,
    CaseClosedV2,
    CommunityTriggerEligible,
    ReportLinkedV2,
    StandardBreached,
    StandardWarning,
    UpdateShared,
)
from asb_shared.contracts.common import ContactChannel
from asb_shared.contracts.engagement import PlanReviewDue
from asb_shared.contracts.partner_gateway import WebhookEndpointPaused
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from notification_samples import Running, opened_v2, record, running

ORG = uuid.uuid4()
E, S, A = ContactChannel.EMAIL, ContactChannel.SMS, ContactChannel.IN_APP


@pytest.fixture(scope="module")
async def svc(test_env: TestEnvironment) -> AsyncIterator[Running]:
    async with running(test_env) as r:
        yield r


async def test_the_acknowledgement_goes_by_the_preferred_channel_with_the_reference(
    svc: Running,
) -> None:
    who = record(email="ack-1@example.org", reference="ASB-2026-400001", preferred=E)
    event = opened_v2("ASB-2026-400001", who)
    await publish_event(svc.env, event, organisation_id=ORG)
    [email] = await eventually(lambda: svc.mail_to("ack-1@example.org"))
    assert email["subject"] == "We have received your report ASB-2026-400001"
    assert "Your reference: ASB-2026-400001" in email["body"]
    assert "Hello Priya" in email["body"]
    [message] = await svc.settled(event.case_id, ORG, 1)
    assert message["status"] == "delivered"
    assert message["channel"] == "email"
    assert message["recipient"] == "ack-1@example.org"
    # The Message-ID is derived from the message's own id.
    assert email["headers"]["Message-ID"] == f"<{message['id']}@asb.example.org>"
    assert message["decisions"][0]["reasons"] == ["email chosen: the preferred channel"]
    [delivered] = await svc.announced("notifications.message.delivered", message_id=message["id"])
    assert delivered.data["template"] == "report_acknowledgement"
    assert delivered.data["case_id"] == str(event.case_id)


async def test_the_second_complainant_of_a_linked_report_is_acknowledged_too(
    svc: Running,
) -> None:
    first = record(email="first@example.org", reference="ASB-2026-400002")
    event = opened_v2("ASB-2026-400002", first)
    await publish_event(svc.env, event, organisation_id=ORG)
    second = record("Sam", phone="07700900456", reference="ASB-2026-400003", preferred=S)
    linked = ReportLinkedV2(
        case_id=event.case_id,
        case_reference=event.case_reference,
        version=2,
        status="open",
        report_id=uuid.uuid4(),
        report_reference="ASB-2026-400003",
        reason="same address",
        complainant=second,
    )
    await publish_event(svc.env, linked, organisation_id=ORG)
    [sms] = await eventually(lambda: svc.sms_to("07700900456"))
    assert "ASB-2026-400003" in sms["body"]
    assert "added it to the case we already have open" in sms["body"]
    messages = await svc.settled(event.case_id, ORG, 2)
    assert {m["status"] for m in messages} == {"delivered"}  # the SMS by Notify's callback
    assert {m["channel"] for m in messages} == {"email", "sms"}


async def test_assignment_update_closure_survey_and_community_trigger_reach_the_complainant(
    svc: Running,
) -> None:
    who = record("Ola", email="ola@example.org", reference="ASB-2026-400010")
    other = record("Ben", email="ben@example.org", reference="ASB-2026-400011")
    event = opened_v2("ASB-2026-400010", who)
    await publish_event(svc.env, event, organisation_id=ORG)
    common = {"case_id": event.case_id, "case_reference": event.case_reference, "status": "open"}
    await publish_event(
        svc.env,
        ReportLinkedV2(
            **common,
            version=2,
            report_id=uuid.uuid4(),
            report_reference="ASB-2026-400011",
            reason="same subject",
            complainant=other,
        ),
        organisation_id=ORG,
    )
    await svc.settled(event.case_id, ORG, 2)
    await publish_event(
        svc.env,
        CaseAssigned(
            **common, version=3, officer_id="o-kim", officer_name="Kim Officer", reason="x"
        ),
        organisation_id=ORG,
    )
    [assigned] = await eventually(
        lambda: _subjects(svc, "ola@example.org", "Your officer for report ASB-2026-400010")
    )
    assert "Kim Officer is the officer looking after your report" in assigned["body"]
    await eventually(
        lambda: _subjects(svc, "ben@example.org", "Your officer for report ASB-2026-400011")
    )

    # An update for one complainant only.
    await publish_event(
        svc.env,
        UpdateShared(
            **common,
            version=4,
            update_id=uuid.uuid4(),
            text="We visited number 14 today.",
            officer_name="Kim Officer",
            person_id=who.person_id,
        ),
        organisation_id=ORG,
    )
    [update] = await eventually(
        lambda: _subjects(svc, "ola@example.org", "An update on your report ASB-2026-400010")
    )
    assert "We visited number 14 today." in update["body"]

    await publish_event(
        svc.env,
        CommunityTriggerEligible(
            **common, version=5, person_id=who.person_id, reports_counted=3, rule="3 in 6 months"
        ),
        organisation_id=ORG,
    )
    [trigger] = await eventually(
        lambda: _subjects(svc, "ola@example.org", "Your right to an ASB case review")
    )
    assert "3 times" in trigger["body"]

    await publish_event(
        svc.env,
        CaseClosedV2(
            **{**common, "status": "closed"},
            version=6,
            outcome="resolved",
            reason="stopped",
            closed_at=datetime.now(UTC),
            anonymous=False,
            report_references=["ASB-2026-400010", "ASB-2026-400011"],
        ),
        organisation_id=ORG,
    )
    [closed] = await eventually(
        lambda: _subjects(svc, "ola@example.org", "Your report ASB-2026-400010: the case is closed")
    )
    assert "The outcome: resolved" in closed["body"]
    # The survey follows (delay 0 in this test's settings), once each.
    [survey] = await eventually(
        lambda: _subjects(svc, "ola@example.org", "How did we do? Your report ASB-2026-400010")
    )
    assert "survey?reference=ASB-2026-400010" in survey["body"]
    await eventually(
        lambda: _subjects(svc, "ben@example.org", "How did we do? Your report ASB-2026-400011")
    )
    messages = await svc.settled(event.case_id, ORG, 10)
    kinds = sorted(m["template"] for m in messages)
    assert kinds == sorted(
        ["report_acknowledgement"] * 2
        + ["officer_assigned"] * 2
        + ["update_shared", "community_trigger"]
        + ["case_closed"] * 2
        + ["satisfaction_survey"] * 2
    )
    assert len(await svc.mail_to("ben@example.org")) == 4  # no update, no trigger for Ben


async def _subjects(svc: Running, address: str, subject: str) -> list[dict[str, object]]:
    return [m for m in await svc.mail_to(address) if m["subject"] == subject]


async def test_staff_alerts_and_reminders_arrive_in_the_app(svc: Running) -> None:
    case_id = uuid.uuid4()
    due = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)
    common = {
        "standard_id": uuid.uuid4(),
        "case_id": case_id,
        "case_reference": "CASE-2026-000888",
        "kind": "first_contact",
        "due_at": due,
    }
    await publish_event(svc.env, StandardWarning(**common, officer_id="o-ann"), organisation_id=ORG)
    await publish_event(
        svc.env, StandardBreached(**common, officer_id="o-ann"), organisation_id=ORG
    )
    await publish_event(
        svc.env,
        PlanReviewDue(
            plan_id=uuid.uuid4(),
            client_id=uuid.uuid4(),
            client_reference="PES-2026-000012",
            peo_id="peo-pat",
            due_at=due,
            stage="warning",
        ),
        organisation_id=ORG,
    )

    async def inbox(role: str, subject: str) -> list[dict[str, object]] | None:
        got = await svc.api.get("/v1/inbox", headers=svc.staff(role, ORG, subject))
        assert got.status_code == 200, got.text
        items = got.json()["items"]
        return items or None

    async def ann_has_both() -> list[dict[str, object]] | None:
        items = await inbox("officer", "o-ann")
        return items if items and len(items) >= 2 else None

    ann = await eventually(ann_has_both)
    subjects = {m["subject"] for m in ann}
    assert (
        "CASE-2026-000888: first contact with the complainant is due by 24 Nov 2026 17:00"
        in subjects
    )
    assert any("is overdue" in s for s in subjects)
    [leaders] = await eventually(lambda: inbox("team_leader", "tl-1"))
    assert leaders["template"] == "standard_breached"
    [peo] = await eventually(lambda: inbox("peo", "peo-pat"))
    assert peo["subject"] == "PES-2026-000012: support plan review due by 24 Nov 2026"
    # Someone else's alerts are not in my inbox.
    assert await inbox("officer", "o-other") is None


async def test_a_reporter_who_chose_in_app_gets_it_in_their_status_view(svc: Running) -> None:
    who = record(reference="ASB-2026-400020", careful=True, safe=[A], preferred=A)
    event = opened_v2("ASB-2026-400020", who, route="domestic_abuse")
    await publish_event(svc.env, event, organisation_id=ORG)
    [posted] = await svc.announced(
        "notifications.in_app.posted", report_reference="ASB-2026-400020"
    )
    assert posted.data["subject"] == "We have received your report ASB-2026-400020"
    [message] = await svc.settled(event.case_id, ORG, 1)
    assert message["channel"] == "in_app" and message["status"] == "delivered"


async def test_welsh_when_asked_and_english_with_an_interpreter_task_otherwise(
    svc: Running,
) -> None:
    welsh = record(email="cy@example.org", reference="ASB-2026-400030", language="cy")
    event = opened_v2("ASB-2026-400030", welsh)
    await publish_event(svc.env, event, organisation_id=ORG)
    [email] = await eventually(lambda: svc.mail_to("cy@example.org"))
    assert email["subject"] == "Rydym wedi cael eich adroddiad ASB-2026-400030"

    polish = record(email="pl@example.org", reference="ASB-2026-400031", language="pl")
    event = opened_v2("ASB-2026-400031", polish)
    await publish_event(svc.env, event, organisation_id=ORG)
    [email] = await eventually(lambda: svc.mail_to("pl@example.org"))
    assert email["subject"] == "We have received your report ASB-2026-400031"
    messages = await svc.settled(event.case_id, ORG, 2)
    [task] = [m for m in messages if m["template"] == "officer_task"]
    assert "Arrange an interpreter" in (task["body"] or "")
    assert "'pl'" in (task["body"] or "")


async def test_the_same_event_delivered_three_times_sends_one_message(svc: Running) -> None:
    who = record(email="thrice@example.org", reference="ASB-2026-400040")
    envelope = await publish_event(svc.env, opened_v2("ASB-2026-400040", who), organisation_id=ORG)
    for _ in range(2):
        await publish_event(
            svc.env, opened_v2("ASB-2026-400040", who), organisation_id=ORG, envelope=envelope
        )
    await eventually(lambda: svc.mail_to("thrice@example.org"))
    await eventually(lambda: count_rows(svc.database_url, "inbox", f"event_id = '{envelope.id}'"))
    await eventually(
        lambda: count_rows(
            svc.database_url, "messages", "reference = 'ASB-2026-400040' AND status = 'delivered'"
        )
    )
    assert len(await svc.mail_to("thrice@example.org")) == 1
    assert await count_rows(svc.database_url, "messages", "reference = 'ASB-2026-400040'") == 1


async def test_an_anonymous_report_is_never_contacted(svc: Running) -> None:
    event = opened_v2("ASB-2026-400050", None, anonymous=True)
    envelope = await publish_event(svc.env, event, organisation_id=ORG)
    await eventually(lambda: count_rows(svc.database_url, "inbox", f"event_id = '{envelope.id}'"))
    assert await count_rows(svc.database_url, "messages", f"case_id = '{event.case_id}'") == 0
    assert (
        await count_rows(svc.database_url, "contact_records", f"case_id = '{event.case_id}'") == 0
    )


async def test_a_partners_administrator_is_emailed_when_their_webhook_endpoint_is_paused(
    svc: Running,
) -> None:
    event = WebhookEndpointPaused(
        endpoint_id=uuid.uuid4(),
        partner_id=uuid.uuid4(),
        partner_name="Greater Manchester Police",
        admin_email="asb-integration@gmp.example.org",
        url="https://gmp.example.org/asb/hooks",
        failures=7,
        last_error="HTTP 500",
        paused_at=datetime(2026, 11, 24, 17, 0, tzinfo=UTC),
    )
    envelope = await publish_event(svc.env, event, organisation_id=ORG)
    await publish_event(svc.env, event, organisation_id=ORG, envelope=envelope)  # redelivered
    [email] = await eventually(lambda: svc.mail_to("asb-integration@gmp.example.org"))
    assert email["subject"] == "Webhook deliveries to Greater Manchester Police are paused"
    assert "https://gmp.example.org/asb/hooks failed 7 times" in email["body"]
    assert "paused at 24 Nov 2026 17:00 (UK time)" in email["body"]
    [delivered] = await svc.announced("notifications.message.delivered", template="webhook_paused")
    assert delivered.data["channel"] == "email"
