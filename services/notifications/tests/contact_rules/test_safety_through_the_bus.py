"""The contact rules, tried against the running service: a victim's wishes are never broken,
whatever arrives and whenever."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta

import asyncpg
import pytest
from asb_shared.contact_rules import LONDON, next_window_start
from asb_shared.contracts.casework import CaseClosedV2, ContactPreferencesChanged
from asb_shared.contracts.common import ContactChannel, SafeWindow
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from notification_samples import Running, opened_v2, record, running

ORG = uuid.uuid4()
E, S, L, P = ContactChannel.EMAIL, ContactChannel.SMS, ContactChannel.LETTER, ContactChannel.PHONE
OFFICER_CHANGE = {
    "changed_at": datetime(2026, 11, 3, 9, 0, tzinfo=UTC),
    "changed_by": "officer Jo Bloggs",
}


@pytest.fixture(scope="module")
async def svc(test_env: TestEnvironment) -> AsyncIterator[Running]:
    # The survey is due 30 days after closure: the test moves it forward itself.
    async with running(test_env, survey_delay_days=30) as r:
        yield r


async def _sql(svc: Running, statement: str) -> None:
    conn = await asyncpg.connect(svc.database_url.replace("+asyncpg", ""))
    try:
        await conn.execute(statement)
        await conn.execute("SELECT pg_notify('asb_messages', '')")
    finally:
        await conn.close()


async def test_email_marked_unsafe_on_a_domestic_abuse_case_goes_by_sms_if_safe(
    svc: Running,
) -> None:
    who = record(
        email="da-1@example.org",
        phone="07700900111",
        reference="ASB-2026-500001",
        careful=True,
        safe=[S],
        unsafe=[E],
        preferred=S,
        **OFFICER_CHANGE,
    )
    event = opened_v2("ASB-2026-500001", who, route="domestic_abuse")
    await publish_event(svc.env, event, organisation_id=ORG)
    [sms] = await eventually(lambda: svc.sms_to("07700900111"))
    assert "ASB-2026-500001" in sms["body"]
    [message] = await svc.settled(event.case_id, ORG, 1)
    assert message["channel"] == "sms"
    assert await svc.mail_to("da-1@example.org") == []


async def test_email_unsafe_and_no_safe_channel_is_an_officer_task_never_an_email(
    svc: Running,
) -> None:
    who = record(
        email="da-2@example.org",
        phone="07700900222",
        reference="ASB-2026-500002",
        careful=True,
        unsafe=[E],
        **OFFICER_CHANGE,
    )
    event = opened_v2("ASB-2026-500002", who, route="domestic_abuse")
    await publish_event(svc.env, event, organisation_id=ORG)
    messages = await svc.settled(event.case_id, ORG, 2)
    [ack] = [m for m in messages if m["template"] == "report_acknowledgement"]
    [task] = [m for m in messages if m["template"] == "officer_task"]
    assert ack["status"] == "withheld" and ack["channel"] is None
    assert (
        "email not used: marked unsafe on 2026-11-03 by officer Jo Bloggs"
        in ack["decisions"][0]["reasons"]
    )
    assert "Contact them yourself" in ack["task"]
    assert task["status"] == "delivered" and task["channel"] == "in_app"
    [withheld] = await svc.announced("notifications.contact.withheld", message_id=ack["id"])
    assert withheld.data["person_id"] == str(who.person_id)
    assert await svc.mail_to("da-2@example.org") == []
    assert await svc.sms_to("07700900222") == []


async def test_a_call_only_person_gets_a_call_from_their_officer_at_the_safe_time(
    svc: Running,
) -> None:
    who = record(
        phone="07700900333",
        reference="ASB-2026-500003",
        careful=True,
        safe=[P],
        preferred=P,
        safe_windows=[SafeWindow(days=[0, 1, 2, 3, 4], start=time(10), end=time(12))],
    )
    event = opened_v2("ASB-2026-500003", who, route="domestic_abuse")
    await publish_event(svc.env, event, organisation_id=ORG)
    messages = await svc.settled(event.case_id, ORG, 2)
    [task] = [m for m in messages if m["template"] == "officer_task"]
    assert "Call them on the safe number (weekdays 10:00 to 12:00)" in task["body"]
    assert await svc.sms_to("07700900333") == []


async def test_an_officer_marking_email_unsafe_after_the_survey_was_scheduled_wins(
    svc: Running,
) -> None:
    who = record(
        email="survey@example.org",
        phone="07700900444",
        reference="ASB-2026-500004",
        safe=[E, S],
        preferred=E,
        version=1,
    )
    event = opened_v2("ASB-2026-500004", who)
    await publish_event(svc.env, event, organisation_id=ORG)
    await eventually(lambda: svc.mail_to("survey@example.org"))
    common = {"case_id": event.case_id, "case_reference": event.case_reference}
    await publish_event(
        svc.env,
        CaseClosedV2(
            **common,
            status="closed",
            version=5,
            outcome="resolved",
            reason="stopped",
            closed_at=datetime.now(UTC),
            anonymous=False,
        ),
        organisation_id=ORG,
    )
    messages = await svc.settled(event.case_id, ORG, 3)
    [survey] = [m for m in messages if m["template"] == "satisfaction_survey"]
    assert survey["status"] == "created"  # due in 30 days
    assert len(await svc.mail_to("survey@example.org")) == 2  # acknowledgement, closure

    # The victim tells their officer by phone that email is no longer safe.
    unsafe_now = who.model_copy(
        update={
            "preferences": who.preferences.model_copy(
                update={
                    "unsafe": [E],
                    "safe": [S],
                    "preferred": None,
                    "careful": True,
                    **OFFICER_CHANGE,
                }
            ),
            "version": 3,
        }
    )
    changed = await publish_event(
        svc.env,
        ContactPreferencesChanged(**common, status="closed", version=6, complainant=unsafe_now),
        organisation_id=ORG,
    )
    # A late copy of an older record must not undo it.
    late = await publish_event(
        svc.env,
        ContactPreferencesChanged(
            **common, status="closed", version=4, complainant=who.model_copy(update={"version": 2})
        ),
        organisation_id=ORG,
    )
    for envelope in (changed, late):
        await eventually(
            lambda e=envelope: count_rows(svc.database_url, "inbox", f"event_id = '{e.id}'")
        )
    # Thirty days pass.
    await _sql(svc, f"UPDATE messages SET due_at = now() WHERE id = '{survey['id']}'")
    [sms] = await eventually(
        lambda: _matching(svc, "07700900444", "survey?reference=ASB-2026-500004")
    )
    assert sms["body"]
    messages = await svc.settled(event.case_id, ORG, 3)
    [survey] = [m for m in messages if m["template"] == "satisfaction_survey"]
    assert survey["channel"] == "sms" and survey["status"] == "delivered"
    [sending] = [d for d in survey["decisions"] if d["outcome"] == "sending"]
    assert "email not used: marked unsafe on 2026-11-03 by officer Jo Bloggs" in sending["reasons"]
    assert len(await svc.mail_to("survey@example.org")) == 2


async def _matching(svc: Running, number: str, text: str) -> list[dict[str, object]]:
    return [m for m in await svc.sms_to(number) if text in str(m["body"])]


async def test_a_letter_home_never_goes_on_a_domestic_abuse_case_unless_marked_safe(
    svc: Running,
) -> None:
    home = "Flat 2, 10 Safe Street, Stockport, SK1 2AB"
    unsafe_letter = record(
        address=home, reference="ASB-2026-500005", careful=True, safe=[L], preferred=L
    )
    event = opened_v2("ASB-2026-500005", unsafe_letter, route="domestic_abuse")
    await publish_event(svc.env, event, organisation_id=ORG)
    messages = await svc.settled(event.case_id, ORG, 2)
    [ack] = [m for m in messages if m["template"] == "report_acknowledgement"]
    assert ack["status"] == "withheld"
    assert any(
        "a letter to the home address is not marked safe" in r
        for r in ack["decisions"][0]["reasons"]
    )
    assert await svc.letters(ack["id"]) == []

    safe_letter = record(
        address=home,
        reference="ASB-2026-500006",
        careful=True,
        safe=[L],
        preferred=L,
        letter_to_home_safe=True,
        accessibility=["large_print"],
    )
    event = opened_v2("ASB-2026-500006", safe_letter, route="domestic_abuse")
    await publish_event(svc.env, event, organisation_id=ORG)
    [message] = await svc.settled(event.case_id, ORG, 1)
    [letter] = await svc.letters(message["id"])
    assert letter["pdf_bytes"] > 1000 and letter["postage"] == "second"
    assert message["channel"] == "letter" and message["status"] == "delivered"


async def test_outside_the_safe_hours_a_message_waits_and_is_never_sent_early(
    svc: Running,
) -> None:
    today = datetime.now(LONDON).weekday()
    window = SafeWindow(days=[(today + 3) % 7], start=time(10), end=time(12))
    who = record(email="quiet@example.org", reference="ASB-2026-500007", safe_windows=[window])
    event = opened_v2("ASB-2026-500007", who)
    await publish_event(svc.env, event, organisation_id=ORG)
    [message] = await svc.settled(event.case_id, ORG, 1)
    assert message["status"] == "deferred"
    expected = next_window_start([window], datetime.now(UTC) - timedelta(minutes=5))
    assert datetime.fromisoformat(message["due_at"]) == expected
    # Even if the dispatcher looks again early, it is deferred again, never sent.
    await _sql(svc, f"UPDATE messages SET due_at = now() WHERE id = '{message['id']}'")

    async def deferred_again() -> dict[str, object] | None:
        [m] = await svc.case_messages(event.case_id, ORG)
        return m if len(m["decisions"]) == 2 else None

    again = await eventually(deferred_again)
    assert again["status"] == "deferred"
    assert datetime.fromisoformat(str(again["due_at"])) == expected
    assert await svc.mail_to("quiet@example.org") == []
