"""Each complainant's contact record: made from their report (careful on the domestic-abuse and
safeguarding routes, and for version-1 reports), one per named report, none for an anonymous
one; changed by an officer with a new version; announced without the note or the code word."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asb_shared.contracts.common import (
    AsbCategory,
    ContactChannel,
    ContactPreferences,
    Location,
)
from asb_shared.contracts.intake import Reporter
from asb_shared.contracts.notifications import ContactWithheld
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, captured_events, eventually, publish_event
from casework_samples import (
    ORG,
    OTHER_ORG,
    bearer,
    case_of,
    received_v2,
    sql,
)

NOTE = "NOTE-never-text-him-sees-my-phone"
CODE_WORD = "CODEWORD-bluebell"


@pytest.fixture(scope="module")
async def announced(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    """Everything casework publishes while this module runs."""
    async with captured_events(test_env, "casework.#") as events:
        yield events


def _reference() -> str:
    return f"ASB-2026-{uuid.uuid4().hex[:10]}"


def _street() -> Location:
    return Location(address=f"{uuid.uuid4().hex[:8]} Safe Street", postcode="SK2 6AA")


def _of(events: list[Envelope], event_type: str, case_id: str) -> Any:
    async def matching() -> list[Envelope]:
        return [e for e in events if e.type == event_type and e.data["case_id"] == case_id]

    return matching


async def _opened(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope], reference: str
) -> tuple[dict[str, Any], Envelope]:
    case = await case_of(client, test_env, reference)
    [event] = await eventually(_of(announced, "casework.case.opened", str(case["id"])))
    return case, event


async def test_a_domestic_abuse_report_opens_careful_whatever_the_reporter_marked(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    reference = _reference()
    reporter = Reporter(
        name="Alex",
        email="alex@example.org",
        phone="07700 900456",
        address="3 Home Row",
        # The reporter marks email safe and asks for nothing careful.
        preferences=ContactPreferences(
            safe=[ContactChannel.EMAIL], preferred=ContactChannel.EMAIL, careful=False
        ),
        note=NOTE,
        code_word=CODE_WORD,
    )
    report = received_v2(
        reference,
        categories=[AsbCategory.DOMESTIC_ABUSE],
        location=_street(),
        reporter=reporter,
    )
    await publish_event(test_env, report, organisation_id=ORG)
    case, event = await _opened(client, test_env, announced, reference)

    assert event.version == 2
    assert event.data["route"] == "domestic_abuse"
    record = event.data["complainant"]
    preferences = record["preferences"]
    assert preferences["careful"] is True
    assert preferences["safe"] == ["email"]  # only what was marked: not SMS, not a letter
    assert preferences["letter_to_home_safe"] is False
    assert preferences["has_code_word"] is True
    assert record["version"] == 1 and record["email"] == "alex@example.org"
    assert NOTE not in event.model_dump_json() and CODE_WORD not in event.model_dump_json()

    # Staff see the note and code word, on the case and on its complainants.
    [staff_view] = case["complainants"]
    assert (staff_view["note"], staff_view["code_word"]) == (NOTE, CODE_WORD)
    assert staff_view["person_id"] == record["person_id"]


async def test_a_second_complainant_gets_a_record_an_announcement_and_a_first_contact_timer(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    street = _street()
    first, second = _reference(), _reference()
    await publish_event(test_env, received_v2(first, location=street), organisation_id=ORG)
    case, opened = await _opened(client, test_env, announced, first)
    neighbour = Reporter(
        name="Pat",
        phone="07700 900789",
        preferences=ContactPreferences(safe=[ContactChannel.SMS], preferred=ContactChannel.SMS),
        note=NOTE,
    )
    await publish_event(
        test_env, received_v2(second, location=street, reporter=neighbour), organisation_id=ORG
    )
    [linked] = await eventually(_of(announced, "casework.report.linked", str(case["id"])))
    assert linked.version == 2
    record = linked.data["complainant"]
    assert record["name"] == "Pat" and record["report_reference"] == second
    assert record["preferences"]["safe"] == ["sms"]
    assert record["person_id"] != opened.data["complainant"]["person_id"]
    assert NOTE not in linked.model_dump_json()

    timers = await sql(
        test_env,
        "SELECT person_id FROM standards WHERE case_id = $1 AND kind = 'first_contact'"
        " AND status = 'running' ORDER BY started_at",
        uuid.UUID(case["id"]),
    )
    assert {str(t["person_id"]) for t in timers} == {
        opened.data["complainant"]["person_id"],
        record["person_id"],
    }
    listed = (
        await client.get(
            f"/v1/cases/{case['id']}/complainants", headers=bearer(test_env, "officer")
        )
    ).json()
    assert [c["name"] for c in listed] == ["Jo", "Pat"]

    # A contact with the first complainant meets only their first contact.
    contacted = await client.post(
        f"/v1/cases/{case['id']}/contacts",
        json={
            "with_whom": "complainant",
            "person_id": opened.data["complainant"]["person_id"],
            "method": "phone",
            "contacted_at": "2026-11-23T10:00:00Z",
            "summary": "Called Jo back about the noise.",
        },
        headers=bearer(test_env, "officer"),
    )
    assert contacted.status_code == 201, contacted.text
    running = await sql(
        test_env,
        "SELECT person_id FROM standards WHERE case_id = $1 AND kind = 'first_contact'"
        " AND status = 'running'",
        uuid.UUID(case["id"]),
    )
    assert [str(t["person_id"]) for t in running] == [record["person_id"]]


async def test_an_anonymous_report_has_no_record_and_no_event_names_anyone(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    street = _street()
    first, second = _reference(), _reference()
    # Details that slipped through an anonymous report must go nowhere.
    leaky = Reporter(name="Sam", email="sam-anon@example.org", note=NOTE)
    await publish_event(
        test_env,
        received_v2(first, location=street, anonymous=True, reporter=leaky),
        organisation_id=ORG,
    )
    case, opened = await _opened(client, test_env, announced, first)
    await publish_event(
        test_env,
        received_v2(second, location=street, anonymous=True, reporter=leaky),
        organisation_id=ORG,
    )
    [linked] = await eventually(_of(announced, "casework.report.linked", str(case["id"])))
    assert opened.data["complainant"] is None and linked.data["complainant"] is None
    for event in (opened, linked):
        assert "sam-anon@example.org" not in event.model_dump_json()
    assert case["complainants"] == [] and case["anonymous"] is True
    assert (
        await sql(test_env, "SELECT 1 FROM complainants WHERE case_id = $1", uuid.UUID(case["id"]))
        == []
    )
    first_contact = await sql(
        test_env,
        "SELECT 1 FROM standards WHERE case_id = $1 AND kind = 'first_contact'",
        uuid.UUID(case["id"]),
    )
    assert first_contact == []
    # Nothing to share an update with.
    refused = await client.post(
        f"/v1/cases/{case['id']}/updates",
        json={"text": "We have spoken to the neighbour."},
        headers=bearer(test_env, "officer"),
    )
    assert refused.status_code == 409


def _change(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "preferences": {
            "safe": ["sms", "phone"],
            "unsafe": ["email"],
            "preferred": "sms",
            "safe_windows": [{"days": [0, 1, 2, 3, 4], "start": "10:00", "end": "12:00"}],
        },
        "reason": "Phoned: her partner now reads her email.",
    }
    return body | changes


async def test_an_officers_change_is_a_new_version_on_the_timeline_and_announced(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    reference = _reference()
    await publish_event(
        test_env,
        received_v2(reference, location=_street(), categories=[AsbCategory.CUCKOOING]),
        organisation_id=ORG,
    )
    case, opened = await _opened(client, test_env, announced, reference)
    person_id = opened.data["complainant"]["person_id"]
    url = f"/v1/cases/{case['id']}/complainants/{person_id}/contact"
    headers = bearer(test_env, "officer")

    changed = await client.put(url, json=_change(note=NOTE, code_word=CODE_WORD), headers=headers)
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["version"] == 2
    assert body["preferences"]["unsafe"] == ["email"]
    # Safeguarding route: careful stays on even though the officer did not ask for it.
    assert body["preferences"]["careful"] is True
    assert body["preferences"]["changed_by"] == "officer-ash"
    assert (body["note"], body["code_word"]) == (NOTE, CODE_WORD)

    [event] = await eventually(_of(announced, "casework.contact.changed", str(case["id"])))
    assert event.data["complainant"]["version"] == 2
    assert event.data["complainant"]["preferences"]["unsafe"] == ["email"]
    assert event.data["complainant"]["preferences"]["has_code_word"] is True
    assert event.data["reason"] == "Phoned: her partner now reads her email."
    assert NOTE not in event.model_dump_json() and CODE_WORD not in event.model_dump_json()

    timeline = (await client.get(f"/v1/cases/{case['id']}/timeline", headers=headers)).json()
    [entry] = [e for e in timeline if e["kind"] == "contact_preferences_changed"]
    assert entry["actor"] == "officer-ash"
    assert "partner now reads her email" in entry["summary"]
    assert entry["data"]["version"] == 2 and entry["data"]["details_changed"] == [
        "note",
        "code_word",
    ]
    assert CODE_WORD not in str(entry) and NOTE not in str(entry)

    # An update for the complainants goes out as an event and on the timeline.
    shared = await client.post(
        f"/v1/cases/{case['id']}/updates",
        json={"text": "We have served a warning letter on the neighbour."},
        headers=headers,
    )
    assert shared.status_code == 201, shared.text
    [update] = await eventually(_of(announced, "casework.case.update_shared", str(case["id"])))
    assert update.data["text"] == "We have served a warning letter on the neighbour."
    assert update.data["update_id"] == shared.json()["update_id"]
    assert update.data["person_id"] is None

    # None of the note and code word is in anything casework ever announced.
    for envelope in announced:
        dumped = envelope.model_dump_json()
        assert NOTE not in dumped and CODE_WORD not in dumped


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"preferences": {"unsafe": ["email"], "preferred": "email", "safe": ["sms"]}},
            "preferences.preferred",
        ),
        ({"preferences": {"safe": ["email"], "unsafe": ["email"]}}, "preferences.unsafe"),
        ({"preferences": {"safe": ["letter"]}}, "address"),
        ({"preferences": {"safe": ["sms"]}, "phone": None}, "phone"),
        (
            {"preferences": {"safe_windows": [{"days": [9], "start": "10:00", "end": "12:00"}]}},
            "preferences.safe_windows.0",
        ),
        ({"email": "not an address"}, "email"),
        ({"reason": ""}, "reason"),
        ({"code_word": "x\x00"}, "code_word"),
    ],
)
async def test_a_change_that_breaks_the_rules_is_refused_naming_the_field(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    announced: list[Envelope],
    change: dict[str, Any],
    field: str,
) -> None:
    reference = _reference()
    await publish_event(test_env, received_v2(reference, location=_street()), organisation_id=ORG)
    case, opened = await _opened(client, test_env, announced, reference)
    person_id = opened.data["complainant"]["person_id"]
    refused = await client.put(
        f"/v1/cases/{case['id']}/complainants/{person_id}/contact",
        json=_change(**change),
        headers=bearer(test_env, "officer"),
    )
    assert refused.status_code == 422, refused.text
    assert field in [d["field"] for d in refused.json()["error"]["details"]]
    [row] = await sql(
        test_env, "SELECT version FROM complainants WHERE id = $1", uuid.UUID(person_id)
    )
    assert row["version"] == 1


async def test_another_landlords_case_and_complainants_are_not_found(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    reference = _reference()
    await publish_event(test_env, received_v2(reference, location=_street()), organisation_id=ORG)
    case, opened = await _opened(client, test_env, announced, reference)
    person_id = opened.data["complainant"]["person_id"]
    theirs = bearer(test_env, "officer", org=OTHER_ORG)
    base = f"/v1/cases/{case['id']}"
    assert (await client.get(f"{base}/complainants", headers=theirs)).status_code == 404
    put = await client.put(
        f"{base}/complainants/{person_id}/contact", json=_change(), headers=theirs
    )
    assert put.status_code == 404
    shared = await client.post(f"{base}/updates", json={"text": "Hello"}, headers=theirs)
    assert shared.status_code == 404
    # Someone who is not a complainant on this case is not found either.
    ours = bearer(test_env, "officer")
    stranger = await client.put(
        f"{base}/complainants/{uuid.uuid4()}/contact", json=_change(), headers=ours
    )
    assert stranger.status_code == 404
    [row] = await sql(
        test_env, "SELECT version FROM complainants WHERE id = $1", uuid.UUID(person_id)
    )
    assert row["version"] == 1


async def test_a_withheld_message_becomes_a_task_for_the_officer_on_the_timeline(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    reference = _reference()
    await publish_event(test_env, received_v2(reference, location=_street()), organisation_id=ORG)
    case, opened = await _opened(client, test_env, announced, reference)
    withheld = ContactWithheld(
        message_id=uuid.uuid4(),
        case_id=uuid.UUID(case["id"]),
        person_id=uuid.UUID(opened.data["complainant"]["person_id"]),
        template="report_acknowledgement",
        reason="email not used: marked unsafe on 2026-11-03 by officer X",
        task="Call on the safe number between 10:00 and 12:00",
    )
    # Another landlord's event naming this case changes nothing.
    await publish_event(test_env, withheld, organisation_id=OTHER_ORG, producer="notifications")
    await publish_event(test_env, withheld, organisation_id=ORG, producer="notifications")
    headers = bearer(test_env, "officer")

    async def tasks() -> list[dict[str, Any]]:
        timeline = (await client.get(f"/v1/cases/{case['id']}/timeline", headers=headers)).json()
        return [e for e in timeline if e["kind"] == "officer_task"]

    [task] = await eventually(tasks)
    assert "Call on the safe number between 10:00 and 12:00" in task["summary"]
    assert "marked unsafe" in task["summary"]
    assert task["data"]["task"] == "Call on the safe number between 10:00 and 12:00"


async def test_a_report_taken_out_of_a_case_brings_its_complainants_record_and_their_wishes(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    street = _street()
    first, second = _reference(), _reference()
    await publish_event(test_env, received_v2(first, location=street), organisation_id=ORG)
    case, _ = await _opened(client, test_env, announced, first)
    await publish_event(test_env, received_v2(second, location=street), organisation_id=ORG)
    [linked] = await eventually(_of(announced, "casework.report.linked", str(case["id"])))
    person_id = linked.data["complainant"]["person_id"]
    headers = bearer(test_env, "officer")
    base = f"/v1/cases/{case['id']}"
    changed = await client.put(
        f"{base}/complainants/{person_id}/contact", json=_change(), headers=headers
    )
    assert changed.status_code == 200, changed.text

    report_id = linked.data["report_id"]
    moved = await client.post(
        f"{base}/reports/{report_id}/unlink",
        json={"reason": "A different neighbour altogether."},
        headers=headers,
    )
    assert moved.status_code == 201, moved.text
    new_case = moved.json()
    [record] = new_case["complainants"]
    # The same person, their officer's change kept (email still unsafe), a newer version.
    assert record["person_id"] == person_id
    assert record["preferences"]["unsafe"] == ["email"] and record["version"] == 3
    [opened] = await eventually(_of(announced, "casework.case.opened", new_case["id"]))
    assert opened.data["complainant"]["person_id"] == person_id
    assert opened.data["complainant"]["version"] == 3
    left = (await client.get(f"{base}/complainants", headers=headers)).json()
    assert [c["report_reference"] for c in left] == [first]
    old_timers = await sql(
        test_env,
        "SELECT 1 FROM standards WHERE case_id = $1 AND person_id = $2 AND status = 'running'",
        uuid.UUID(case["id"]),
        uuid.UUID(person_id),
    )
    assert old_timers == []


async def test_a_domestic_abuse_report_joining_a_case_on_no_route_is_careful_too(
    client: httpx.AsyncClient, test_env: TestEnvironment, announced: list[Envelope]
) -> None:
    street = _street()
    first, second = _reference(), _reference()
    await publish_event(test_env, received_v2(first, location=street), organisation_id=ORG)
    case, opened = await _opened(client, test_env, announced, first)
    assert opened.data["route"] is None
    assert opened.data["complainant"]["preferences"]["careful"] is False
    await publish_event(
        test_env,
        received_v2(second, location=street, categories=[AsbCategory.DOMESTIC_ABUSE]),
        organisation_id=ORG,
    )
    [linked] = await eventually(_of(announced, "casework.report.linked", str(case["id"])))
    preferences = linked.data["complainant"]["preferences"]
    assert preferences["careful"] is True and preferences["safe"] == ["email"]
    assert preferences["letter_to_home_safe"] is False
