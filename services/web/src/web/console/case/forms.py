"""The case page's forms as the bodies casework's API takes, with no I/O.

Only what the browser's form cannot say as JSON is done here (a day and a time in the UK made an
instant, lines made a list, empty fields left out); every rule of what is valid is casework's,
whose 422 names the API's field, put back on the form's field by :data:`FIELDS`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

Form = Mapping[str, Any]


class Unreadable(ValueError):
    """A field the browser sent that is not a day or a time: ``field`` names the form's field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def text(form: Form, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def optional(form: Form, name: str) -> str | None:
    return text(form, name) or None


def day(form: Form, name: str) -> date:
    try:
        return date.fromisoformat(text(form, name))
    except ValueError:
        raise Unreadable(name, "Enter a real date") from None


def instant(form: Form, day_field: str, time_field: str) -> str:
    """A day and a time of day in the UK, as an instant in UTC (ISO 8601)."""
    on = day(form, day_field)
    try:
        at = time.fromisoformat(text(form, time_field) or "")
    except ValueError:
        raise Unreadable(time_field, "Enter a time, like 14:30") from None
    return datetime.combine(on, at, tzinfo=UK).astimezone(UTC).isoformat()


def now_fields(now: datetime) -> dict[str, str]:
    """Today's day and the time now in the UK, to fill a form's "when" fields."""
    local = now.astimezone(UK)
    return {"today": local.date().isoformat(), "now": local.strftime("%H:%M")}


def lines(form: Form, name: str) -> list[str]:
    return [line.strip() for line in text(form, name).splitlines() if line.strip()]


FIELDS: dict[str, dict[str, str]] = {
    "step": {"command": "step-command", "reason": "step-reason"},
    "subject": {"decision": "subject-decision", "reason": "subject-reason"},
    "risk": {},
    "plan": {
        "actions": "plan-action-1",
        "contact_method": "plan-contact-method",
        "contact_frequency_days": "plan-frequency",
        "agreed_with_complainant_at": "plan-day",
    },
    "intervention": {
        "kind": "intervention-kind",
        "on_date": "intervention-date",
        "owner": "intervention-owner",
        "notes": "intervention-notes",
        "outcome": "intervention-outcome",
        "positive_requirements": "intervention-requirements",
        "mediation_result": "intervention-kind",
    },
    "evidence": {
        "kind": "evidence-kind",
        "origin": "evidence-origin",
        "description": "evidence-description",
        "sha256": "evidence-sha256",
        "location": "evidence-location",
    },
    "referral": {
        "kind": "referral-kind",
        "person_name": "referral-person",
        "reason": "referral-reason",
        "override_reason": "referral-override",
    },
    "closure": {
        "outcome": "closure-outcome",
        "reason": "closure-reason",
        "discussed_with_complainant_at": "closure-day",
        "discussion_method": "closure-method",
    },
    "reopen": {"reason": "reopen-reason"},
    "update": {"text": "update-text", "person_id": "update-text"},
}
"""For each form, the API's field to the form's field (the error summary links to it)."""

DEFAULT_FIELD = {name: next(iter(f.values()), "risk") for name, f in FIELDS.items()}
DEFAULT_FIELD["risk"] = "risk"


def step_body(form: Form) -> dict[str, Any]:
    return {"command": text(form, "step-command"), "reason": optional(form, "step-reason")}


def contact_form(form: Form) -> str:
    """Which contact form was posted (each complainant's has its own, and one for anyone
    else): the prefix of its fields."""
    name = text(form, "contact-form")
    return name if re.fullmatch(r"contact-([0-9]{1,2}|other)", name) else "contact-other"


def contact_fields(prefix: str) -> dict[str, str]:
    return {
        "with_whom": f"{prefix}-with",
        "method": f"{prefix}-method",
        "contacted_at": f"{prefix}-day",
        "summary": f"{prefix}-summary",
        "initial_response": f"{prefix}-initial-response",
        "person_id": f"{prefix}-method",
    }


def contact_body(form: Form, prefix: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "with_whom": text(form, f"{prefix}-with") or "complainant",
        "method": text(form, f"{prefix}-method"),
        "contacted_at": instant(form, f"{prefix}-day", f"{prefix}-time"),
        "summary": text(form, f"{prefix}-summary"),
    }
    if person := optional(form, f"{prefix}-person"):
        body["person_id"] = person
    if response := optional(form, f"{prefix}-initial-response"):
        body["initial_response"] = response
    return body


def subject_body(form: Form) -> dict[str, Any]:
    return {"decision": text(form, "subject-decision"), "reason": text(form, "subject-reason")}


def risk_body(form: Form) -> dict[str, Any]:
    answers = {
        key.removeprefix("risk-"): str(value)
        for key, value in form.items()
        if key.startswith("risk-") and isinstance(value, str) and value
    }
    return {"answers": answers}


PLAN_ROWS = 3
"""Actions a plan form offers at once (a plan needs one; casework takes up to 50)."""


def plan_body(form: Form) -> dict[str, Any]:
    actions = []
    for n in range(1, PLAN_ROWS + 1):
        action, owner = text(form, f"plan-action-{n}"), text(form, f"plan-owner-{n}")
        if not (action or owner or text(form, f"plan-due-{n}")):
            continue
        actions.append(
            {"action": action, "owner": owner, "due_date": day(form, f"plan-due-{n}").isoformat()}
        )
    frequency = text(form, "plan-frequency")
    if not frequency.isdigit():
        raise Unreadable("plan-frequency", "Enter how often, in days, as a number")
    return {
        "actions": actions,
        "contact_method": text(form, "plan-contact-method"),
        "contact_frequency_days": int(frequency),
        "agreed_with_complainant_at": instant(form, "plan-day", "plan-time"),
    }


def intervention_body(form: Form) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": text(form, "intervention-kind"),
        "on_date": day(form, "intervention-date").isoformat(),
        "owner": text(form, "intervention-owner"),
        "positive_requirements": lines(form, "intervention-requirements"),
    }
    if notes := optional(form, "intervention-notes"):
        body["notes"] = notes
    if outcome := optional(form, "intervention-outcome"):
        body["outcome"] = outcome
    return body


def evidence_body(form: Form) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": text(form, "evidence-kind"),
        "origin": text(form, "evidence-origin"),
        "description": text(form, "evidence-description"),
        "sha256": text(form, "evidence-sha256").lower(),
    }
    if location := optional(form, "evidence-location"):
        body["location"] = location
    return body


def referral_body(form: Form) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": text(form, "referral-kind"),
        "person_name": text(form, "referral-person"),
        "reason": text(form, "referral-reason"),
    }
    if override := optional(form, "referral-override"):
        body["override_reason"] = override
    return body


def closure_body(form: Form, anonymous: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "outcome": text(form, "closure-outcome"),
        "reason": text(form, "closure-reason"),
        "discussion_method": text(form, "closure-method") or "phone",
    }
    if not anonymous or text(form, "closure-day"):
        body["discussed_with_complainant_at"] = instant(form, "closure-day", "closure-time")
    return body


def reason_body(form: Form, name: str) -> dict[str, Any]:
    return {"reason": text(form, name)}


def update_body(form: Form) -> dict[str, Any]:
    return {"text": text(form, "update-text")}
