"""The report's answers, with no I/O: each page's checks, the request made of them for intake,
and intake's 422 details turned back into errors on the right page.

Answers are kept in the session as each page posted them (strings and lists of strings), so a
page shows exactly what was typed, and intake being down loses nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from asb_shared.contracts.common import AccessibilityNeed, AsbCategory, ContactChannel

UK = ZoneInfo("Europe/London")

Answers = dict[str, Any]
"""A page's answers as posted: field name -> a string, or a list of strings."""

PAGES = (
    "what",
    "describe",
    "when",
    "where",
    "who",
    "about-you",
    "your-details",
    "contact",
    "contact-safety",
    "risk",
)
"""The question pages, in order (``your-details`` and both contact pages only when named)."""

NAMED_ONLY = frozenset({"your-details", "contact", "contact-safety"})

CATEGORIES = [c.value for c in AsbCategory]
CHANNELS = [c.value for c in ContactChannel]
NEEDS = [n.value for n in AccessibilityNeed]
DAYS = [str(d) for d in range(7)]
HOURS = [f"{h:02d}:00" for h in range(7, 23)]

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")


@dataclass(frozen=True)
class Problem:
    """An error on a page: ``field`` is the input it belongs to (its id in the page, and the
    error summary's link), ``key`` the message's key in the catalogue (or its words)."""

    page: str
    field: str
    key: str


def pages_for(answers: Mapping[str, Answers]) -> list[str]:
    """The pages this resident goes through: the contact pages only when they give their name."""
    anonymous = answers.get("about-you", {}).get("identity") == "anonymous"
    return [p for p in PAGES if not (anonymous and p in NAMED_ONLY)]


def next_page(answers: Mapping[str, Answers], page: str) -> str:
    """The page after ``page``: the next question, or "check" at the end."""
    flow = pages_for(answers)
    if page not in flow:
        return flow[0]
    index = flow.index(page)
    return flow[index + 1] if index + 1 < len(flow) else "check"


def previous_page(answers: Mapping[str, Answers], page: str) -> str | None:
    flow = pages_for(answers)
    if page == "check":
        return flow[-1]
    if page not in flow or flow.index(page) == 0:
        return None
    return flow[flow.index(page) - 1]


def first_unanswered(answers: Mapping[str, Answers]) -> str | None:
    """The first page not yet answered (check answers is reached only when there is none)."""
    for page in pages_for(answers):
        if page not in answers:
            return page
    return None


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _list(form: Mapping[str, Any], name: str, allowed: Sequence[str]) -> list[str]:
    value = form.get(name, [])
    values = [value] if isinstance(value, str) else list(value)
    return [v for v in dict.fromkeys(values) if v in allowed]


def parse_date(day: str, month: str, year: str) -> date | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if len(year) == 4 else None


def check_page(page: str, form: Mapping[str, Any], today: date) -> tuple[Answers, list[Problem]]:
    """A page's answers as kept, and what is wrong with them."""
    problems: list[Problem] = []
    answers: Answers = {}

    def problem(field: str, key: str) -> None:
        problems.append(Problem(page, field, key))

    if page == "what":
        answers["categories"] = _list(form, "categories", CATEGORIES)
        if not answers["categories"]:
            problem("categories", "what.error")
    elif page == "describe":
        answers["description"] = _text(form, "description")
        if len(answers["description"]) < 10:
            problem("description", "describe.error.short")
        elif len(answers["description"]) > 10_000:
            problem("description", "describe.error.long")
    elif page == "when":
        parts = {p: _text(form, f"occurred-{p}") for p in ("day", "month", "year")}
        answers["occurred"] = parts
        if not all(parts.values()):
            problem("occurred", "when.error.missing")
        else:
            found = parse_date(parts["day"], parts["month"], parts["year"])
            if found is None:
                problem("occurred", "when.error.real")
            elif found > today:
                problem("occurred", "when.error.future")
            elif found.year < 1990:
                problem("occurred", "when.error.past")
    elif page == "where":
        answers["address"] = _text(form, "address")
        answers["postcode"] = " ".join(_text(form, "postcode").upper().split())
        if not answers["address"] and not answers["postcode"]:
            problem("address", "where.error.missing")
        if answers["postcode"] and not POSTCODE.match(answers["postcode"]):
            problem("postcode", "where.error.postcode")
    elif page == "who":
        for name in ("subject-name", "subject-address", "subject-description"):
            answers[name] = _text(form, name)
    elif page == "about-you":
        answers["identity"] = _text(form, "identity")
        if answers["identity"] not in ("named", "anonymous"):
            problem("identity", "about.error")
    elif page == "your-details":
        for name in ("name", "email", "phone", "postal-address"):
            answers[name] = _text(form, name)
        if not answers["name"]:
            problem("name", "details.error.name")
        if answers["email"] and not EMAIL.match(answers["email"]):
            problem("email", "details.error.email")
        if answers["phone"] and not PHONE.match(answers["phone"]):
            problem("phone", "details.error.phone")
    elif page == "contact":
        answers["safe"] = _list(form, "safe", CHANNELS)
        answers["unsafe"] = _list(form, "unsafe", CHANNELS)
        answers["preferred"] = _text(form, "preferred")
        answers["voicemail"] = _text(form, "voicemail")
        answers["letters"] = _text(form, "letters")
        if set(answers["safe"]) & set(answers["unsafe"]):
            problem("unsafe", "contact.error.both")
        if answers["preferred"] and answers["preferred"] not in CHANNELS:
            answers["preferred"] = ""
        if answers["preferred"] in answers["unsafe"]:
            problem("preferred", "contact.error.preferred_unsafe")
    elif page == "contact-safety":
        answers["days"] = _list(form, "days", DAYS)
        answers["from"] = _text(form, "from")
        answers["to"] = _text(form, "to")
        answers["only-officer"] = _text(form, "only-officer")
        answers["code-word"] = _text(form, "code-word")
        answers["needs"] = _list(form, "needs", NEEDS)
        answers["note"] = _text(form, "note")
        hours = (answers["from"], answers["to"])
        if any(hours) and not (all(h in HOURS for h in hours) and hours[0] < hours[1]):
            problem("from", "safety.error.hours")
        if len(answers["code-word"]) > 100:
            problem("code-word", "safety.error.code")
        if len(answers["note"]) > 1000:
            problem("note", "safety.error.note")
    elif page == "risk":
        for key, value in form.items():
            if key.startswith("risk-") and isinstance(value, str) and value:
                answers[key.removeprefix("risk-")] = value[:50]
    return answers, problems


def details_needed(answers: Mapping[str, Answers]) -> list[Problem]:
    """Channels marked safe, or preferred, need their detail (an email address for email...),
    asked on the details page: the same rule intake applies, said before the check page."""
    contact = answers.get("contact", {})
    details = answers.get("your-details", {})
    wanted = set(contact.get("safe", [])) | (
        {contact["preferred"]} if contact.get("preferred") else set()
    )
    problems = []
    for channel, field in (
        ("email", "email"),
        ("sms", "phone"),
        ("phone", "phone"),
        ("letter", "postal-address"),
    ):
        if channel in wanted and not details.get(field):
            problems.append(Problem("your-details", field, f"details.error.needed.{field}"))
    return list({p.field: p for p in problems}.values())


def occurred_at(parts: Mapping[str, str]) -> datetime:
    """The start of the day given, UK time, in UTC (never in the future for today's date)."""
    day = parse_date(parts["day"], parts["month"], parts["year"])
    if day is None:
        raise ValueError("not a date")
    return datetime.combine(day, time(0, 0), tzinfo=UK).astimezone(UTC)


def intake_request(
    answers: Mapping[str, Answers], organisation_id: uuid.UUID, language: str
) -> dict[str, Any]:
    """The body of intake's ``POST /v1/reports`` for these answers. A report made in Welsh asks
    for Welsh messages (``language: cy``)."""
    where = answers["where"]
    who = answers.get("who", {})
    body: dict[str, Any] = {
        "channel": "web",
        "organisation_id": str(organisation_id),
        "categories": answers["what"]["categories"],
        "description": answers["describe"]["description"],
        "occurred_at": occurred_at(answers["when"]["occurred"]).isoformat(),
        "location": {
            k: v
            for k, v in (("address", where.get("address")), ("postcode", where.get("postcode")))
            if v
        },
        "risk_answers": dict(answers.get("risk", {})),
    }
    subject = {
        "name": who.get("subject-name"),
        "address": who.get("subject-address"),
        "description": who.get("subject-description"),
    }
    if any(subject.values()):
        body["people"] = [{"role": "subject", **{k: v for k, v in subject.items() if v}}]
    if answers.get("about-you", {}).get("identity") == "anonymous":
        body["anonymous"] = True
        return body
    details = answers.get("your-details", {})
    contact = answers.get("contact", {})
    safety = answers.get("contact-safety", {})
    preferences: dict[str, Any] = {
        "safe": contact.get("safe", []),
        "unsafe": contact.get("unsafe", []),
        "preferred": contact.get("preferred") or None,
        "only_through_officer": safety.get("only-officer") == "yes",
        # Anything not marked safe is left alone when the resident marked something unsafe.
        "careful": bool(contact.get("unsafe")),
        "language": language,
        "accessibility": safety.get("needs", []),
    }
    if safety.get("days") and safety.get("from") and safety.get("to"):
        preferences["safe_windows"] = [
            {"days": [int(d) for d in safety["days"]], "start": safety["from"], "end": safety["to"]}
        ]
    for answer, field in (("voicemail", "voicemail_safe"), ("letters", "letter_to_home_safe")):
        if contact.get(answer) in ("yes", "no"):
            preferences[field] = contact[answer] == "yes"
    reporter: dict[str, Any] = {"name": details.get("name"), "preferences": preferences}
    for answer, field in (("email", "email"), ("phone", "phone"), ("postal-address", "address")):
        if details.get(answer):
            reporter[field] = details[answer]
    if safety.get("code-word"):
        reporter["code_word"] = safety["code-word"]
    if safety.get("note"):
        reporter["note"] = safety["note"]
    body["reporter"] = reporter
    return body


# Intake's field (its 422 details) -> the page and input that asked for it. The longest prefix
# that matches wins.
FIELDS: dict[str, tuple[str, str]] = {
    "categories": ("what", "categories"),
    "description": ("describe", "description"),
    "occurred_at": ("when", "occurred"),
    "location.postcode": ("where", "postcode"),
    "location": ("where", "address"),
    "people": ("who", "subject-description"),
    "reporter.name": ("your-details", "name"),
    "reporter.email": ("your-details", "email"),
    "reporter.phone": ("your-details", "phone"),
    "reporter.address": ("your-details", "postal-address"),
    "reporter.code_word": ("contact-safety", "code-word"),
    "reporter.note": ("contact-safety", "note"),
    "reporter.preferences.safe_windows": ("contact-safety", "from"),
    "reporter.preferences.accessibility": ("contact-safety", "needs"),
    "reporter.preferences.preferred": ("contact", "preferred"),
    "reporter.preferences.unsafe": ("contact", "unsafe"),
    "reporter.preferences": ("contact", "safe"),
    "reporter": ("your-details", "name"),
    "risk_answers": ("risk", "risk"),
}


def problems_from_intake(details: Sequence[Mapping[str, str]]) -> list[Problem]:
    """Intake's 422 details as errors on the pages that asked (its words, when it gave some the
    site has none for)."""
    problems = []
    for detail in details:
        field = str(detail.get("field", ""))
        match = max(
            (f for f in FIELDS if field == f or field.startswith(f + ".")), key=len, default=None
        )
        page, input_id = FIELDS[match] if match else ("check", "")
        problems.append(Problem(page, input_id, f"intake:{detail.get('message', '')}"))
    return problems
