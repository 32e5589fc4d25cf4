"""The report's pure rules: each page's checks, the request made for intake, and intake's 422
details mapped back to the page and field that asked."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from web.report import answers as rules

TODAY = date(2026, 6, 15)


def complete(**changes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    answers: dict[str, dict[str, Any]] = {
        "what": {"categories": ["noise"]},
        "describe": {"description": "Loud music every night until 3am."},
        "when": {"occurred": {"day": "14", "month": "6", "year": "2026"}},
        "where": {"address": "10 High Street", "postcode": "SK1 3XE"},
        "who": {"subject-name": "", "subject-address": "Flat 3", "subject-description": ""},
        "about-you": {"identity": "named"},
        "your-details": {
            "name": "Alex",
            "email": "",
            "phone": "07700 900982",
            "postal-address": "",
        },
        "contact": {
            "safe": ["sms"],
            "unsafe": ["email"],
            "preferred": "sms",
            "voicemail": "no",
            "letters": "",
        },
        "contact-safety": {
            "days": ["0", "2"],
            "from": "10:00",
            "to": "12:00",
            "only-officer": "",
            "code-word": "bluebird",
            "needs": ["large_print"],
            "note": "",
        },
        "risk": {"feels_unsafe": "yes"},
    }
    answers.update(changes)
    return answers


def problems(page: str, form: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.field, p.key) for p in rules.check_page(page, form, TODAY)[1]]


def test_the_date_must_be_real_and_not_in_the_future() -> None:
    def when(day: str, month: str, year: str) -> list[tuple[str, str]]:
        return problems(
            "when", {"occurred-day": day, "occurred-month": month, "occurred-year": year}
        )

    assert when("15", "6", "2026") == []
    assert when("16", "6", "2026") == [("occurred", "when.error.future")]
    assert when("31", "2", "2026") == [("occurred", "when.error.real")]
    assert when("1", "1", "26") == [("occurred", "when.error.real")]
    assert when("", "6", "2026") == [("occurred", "when.error.missing")]
    assert when("1", "1", "1989") == [("occurred", "when.error.past")]


def test_each_page_names_the_field_at_fault() -> None:
    assert problems("what", {}) == [("categories", "what.error")]
    assert problems("what", {"categories": ["noise", "not-a-category"]}) == []
    assert problems("describe", {"description": "  short  "}) == [
        ("description", "describe.error.short")
    ]
    assert problems("where", {"address": "", "postcode": ""}) == [
        ("address", "where.error.missing")
    ]
    assert problems("where", {"postcode": "not a postcode"}) == [
        ("postcode", "where.error.postcode")
    ]
    assert problems("where", {"postcode": "sk1  3xe"}) == []
    assert problems("about-you", {"identity": "maybe"}) == [("identity", "about.error")]
    assert problems("contact", {"safe": ["email"], "unsafe": ["email"]}) == [
        ("unsafe", "contact.error.both")
    ]
    assert problems("contact", {"unsafe": ["sms"], "preferred": "sms"}) == [
        ("preferred", "contact.error.preferred_unsafe")
    ]
    assert problems("contact-safety", {"from": "12:00", "to": "10:00"}) == [
        ("from", "safety.error.hours")
    ]


def test_an_anonymous_resident_skips_the_contact_pages_and_sends_no_reporter() -> None:
    answers = complete(**{"about-you": {"identity": "anonymous"}})
    assert rules.pages_for(answers) == [
        "what",
        "describe",
        "when",
        "where",
        "who",
        "about-you",
        "risk",
    ]
    assert rules.next_page(answers, "about-you") == "risk"
    body = rules.intake_request(answers, uuid.uuid4(), "en")
    assert body["anonymous"] is True
    assert "reporter" not in body


def test_the_request_carries_the_contact_wishes_as_data_and_the_language() -> None:
    org = uuid.uuid4()
    body = rules.intake_request(complete(), org, "cy")
    assert body["organisation_id"] == str(org)
    assert body["channel"] == "web"
    assert body["location"] == {"address": "10 High Street", "postcode": "SK1 3XE"}
    assert body["people"] == [{"role": "subject", "address": "Flat 3"}]
    # Midnight UK time (BST in June) on the day given.
    assert datetime.fromisoformat(body["occurred_at"]) == datetime(2026, 6, 13, 23, 0, tzinfo=UTC)
    reporter = body["reporter"]
    assert reporter["phone"] == "07700 900982" and "email" not in reporter
    assert reporter["code_word"] == "bluebird"
    wishes = reporter["preferences"]
    assert wishes["safe"] == ["sms"] and wishes["unsafe"] == ["email"]
    assert wishes["preferred"] == "sms"
    assert wishes["careful"] is True
    assert wishes["voicemail_safe"] is False
    assert "letter_to_home_safe" not in wishes
    assert wishes["language"] == "cy"
    assert wishes["safe_windows"] == [{"days": [0, 2], "start": "10:00", "end": "12:00"}]
    assert wishes["accessibility"] == ["large_print"]
    assert body["risk_answers"] == {"feels_unsafe": "yes"}


def test_a_safe_channel_needs_its_detail_before_the_check_page() -> None:
    answers = complete(contact={"safe": ["email", "letter"], "unsafe": [], "preferred": "email"})
    assert [(p.page, p.field) for p in rules.details_needed(answers)] == [
        ("your-details", "email"),
        ("your-details", "postal-address"),
    ]
    assert rules.details_needed(complete()) == []


def test_intakes_details_land_on_the_page_that_asked() -> None:
    found = rules.problems_from_intake(
        [
            {"field": "location.postcode", "message": "bad", "type": "x"},
            {"field": "reporter.preferences.preferred", "message": "unsafe", "type": "x"},
            {"field": "reporter.email", "message": "needed", "type": "x"},
            {"field": "occurred_at", "message": "future", "type": "x"},
            {"field": "something.new", "message": "odd", "type": "x"},
        ]
    )
    assert [(p.page, p.field, p.key) for p in found] == [
        ("where", "postcode", "intake:bad"),
        ("contact", "preferred", "intake:unsafe"),
        ("your-details", "email", "intake:needed"),
        ("when", "occurred", "intake:future"),
        ("check", "", "intake:odd"),
    ]


def test_the_flow_goes_on_to_the_first_page_not_answered() -> None:
    answers = complete()
    del answers["risk"]
    assert rules.first_unanswered(answers) == "risk"
    assert rules.previous_page(answers, "what") is None
    assert rules.previous_page(complete(), "check") == "risk"
