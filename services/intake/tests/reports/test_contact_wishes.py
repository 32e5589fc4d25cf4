"""Contact wishes as data: what the reporter asks for reaches casework as data, each refusal
names its field, earlier clients' flat fields still work, and anonymity keeps nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, count_rows, eventually
from intake_samples import ORG, report


async def _event(seen: list[Envelope], reference: str) -> Envelope:
    async def found() -> list[Envelope]:
        return [
            e
            for e in seen
            if e.type == "intake.report.received" and e.data["reference"] == reference
        ]

    [event] = await eventually(found)
    return event


WISHES: dict[str, Any] = {
    "name": "Jo Victim",
    "phone": "07700 900456",
    "address": "Flat 2, 4 Example Road\nStockport SK1 3XE",
    "preferences": {
        "safe": ["sms", "in_app"],
        "unsafe": ["email", "letter"],
        "preferred": "sms",
        "safe_windows": [{"days": [0, 1, 2, 3, 4], "start": "10:00", "end": "12:00"}],
        "voicemail_safe": False,
        "letter_to_home_safe": False,
        "only_through_officer": False,
        "careful": True,
        "language": "cy",
        "accessibility": ["large_print"],
    },
    "note": "He reads my post. Text only, weekday mornings.",
    "code_word": "bluebell",
}


async def test_wishes_given_as_data_reach_casework_in_version_2(
    client: httpx.AsyncClient, seen: list[Envelope]
) -> None:
    made = await client.post(
        "/v1/reports", json=report(categories=["domestic_abuse"], reporter=WISHES)
    )
    assert made.status_code == 201, made.text
    event = await _event(seen, made.json()["reference"])
    assert event.version == 2
    reporter = event.data["reporter"]
    assert reporter["phone"] == "07700 900456" and reporter["email"] is None
    assert reporter["address"].startswith("Flat 2")
    prefs = reporter["preferences"]
    assert prefs["unsafe"] == ["email", "letter"] and prefs["preferred"] == "sms"
    assert prefs["safe_windows"] == [
        {"days": [0, 1, 2, 3, 4], "start": "10:00:00", "end": "12:00:00"}
    ]
    assert prefs["voicemail_safe"] is False and prefs["letter_to_home_safe"] is False
    assert prefs["careful"] is True and prefs["language"] == "cy"
    assert prefs["accessibility"] == ["large_print"]
    assert prefs["has_code_word"] is True and prefs["changed_by"] == "reporter"
    assert reporter["note"] == WISHES["note"]
    assert reporter["code_word"] == "bluebell"


async def test_earlier_clients_flat_fields_become_the_same_data(
    client: httpx.AsyncClient, seen: list[Envelope]
) -> None:
    flat = {
        "name": "Sam Resident",
        "email": "sam@example.org",
        "phone": "07700 900123",
        "preferred_channel": "sms",
        "contact_times": "evenings after 6",
        "safe_contact": "never leave messages; the phone is shared",
    }
    made = await client.post("/v1/reports", json=report(reporter=flat))
    assert made.status_code == 201, made.text
    reporter = (await _event(seen, made.json()["reference"])).data["reporter"]
    assert reporter["preferences"]["preferred"] == "sms"
    assert reporter["preferences"]["unsafe"] == []
    assert reporter["note"] == (
        "never leave messages; the phone is shared\nWhen to contact: evenings after 6"
    )
    assert reporter["code_word"] is None


async def test_staff_keyed_wishes_say_who_set_them(
    client: httpx.AsyncClient, seen: list[Envelope], test_env: TestEnvironment
) -> None:
    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    made = await client.post(
        "/v1/staff/reports", json=report(channel="phone", reporter=WISHES), headers=officer
    )
    assert made.status_code == 201, made.text
    event = await _event(seen, made.json()["reference"])
    prefs = event.data["reporter"]["preferences"]
    assert prefs["changed_by"] == event.data["received_by"] is not None
    assert prefs["changed_by"] != "reporter"


async def test_an_anonymous_report_keeps_and_sends_nobody(
    client: httpx.AsyncClient, seen: list[Envelope], test_env: TestEnvironment
) -> None:
    made = await client.post("/v1/reports", json=report(anonymous=True, reporter=None))
    assert made.status_code == 201, made.text
    event = await _event(seen, made.json()["reference"])
    assert event.data["reporter"] is None
    assert (
        await count_rows(
            test_env.database_url("intake"),
            "reports",
            f"reference = '{made.json()['reference']}' AND reporter_name IS NULL "
            "AND contact_preferences IS NULL AND safe_contact IS NULL "
            "AND reporter_code_word IS NULL AND reporter_address IS NULL",
        )
        == 1
    )
    # Wishes cannot ride along with an anonymous report either.
    sneaked = await client.post("/v1/reports", json=report(anonymous=True, reporter=WISHES))
    assert sneaked.status_code == 422


def _with(**changes: Any) -> dict[str, Any]:
    prefs = {**WISHES["preferences"], **changes.pop("preferences", {})}
    return {**WISHES, "preferences": prefs, **changes}


REFUSED: list[tuple[str, dict[str, Any], str]] = [
    (
        "preferred channel marked unsafe",
        _with(preferences={"preferred": "email"}),
        "reporter.preferences.preferred",
    ),
    (
        "a channel both safe and unsafe",
        _with(preferences={"safe": ["sms", "email"]}),
        "reporter.preferences.unsafe",
    ),
    (
        "email channel without an address",
        _with(preferences={"unsafe": [], "safe": ["email"], "preferred": "email"}),
        "reporter.email",
    ),
    ("sms without a phone", _with(phone=None), "reporter.phone"),
    (
        "letter without a postal address",
        _with(address=None, preferences={"unsafe": [], "safe": ["letter"]}),
        "reporter.address",
    ),
    (
        "bad safe window",
        _with(preferences={"safe_windows": [{"days": [7], "start": "10:00", "end": "09:00"}]}),
        "reporter.preferences.safe_windows.0",
    ),
    (
        "unknown language tag",
        _with(preferences={"language": "Welsh"}),
        "reporter.preferences.language",
    ),
    ("both flat and data", _with(preferred_channel="sms"), "reporter.preferred_channel"),
    ("NUL in the code word", _with(code_word="blue\x00bell"), "reporter.code_word"),
    ("NUL in the note", _with(note="never\x00email"), "reporter.note"),
    ("a line break in the name", _with(name="Jo\nVictim"), "reporter.name"),
    ("NUL in the address", _with(address="Flat 2\x00"), "reporter.address"),
    ("unknown preference", _with(preferences={"pigeon": True}), "reporter.preferences.pigeon"),
]


@pytest.mark.parametrize(("case", "reporter", "field"), REFUSED, ids=[r[0] for r in REFUSED])
async def test_wishes_that_cannot_be_kept_are_refused_naming_the_field(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    case: str,
    reporter: dict[str, Any],
    field: str,
) -> None:
    url = test_env.database_url("intake")
    before = await count_rows(url, "reports")
    response = await client.post("/v1/reports", json=report(reporter=reporter))
    assert response.status_code == 422, response.text
    fields = [d["field"] for d in response.json()["error"]["details"]]
    assert field in fields, (case, fields)
    assert await count_rows(url, "reports") == before
