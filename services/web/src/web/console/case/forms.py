"""The case page's forms as the bodies casework's API takes, with no I/O.

Only what the browser's form cannot say as JSON is done here (a day and a time in the UK made an
instant, lines made a list, empty fields left out); every rule of what is valid is casework's,
whose 422 names the API's field, put back on the form's field by :data:`FIELDS`.
"""

from __future__ import annotations

import re
from typing import Any

from ..fields import Form, Unreadable, day, instant, lines, optional, text

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
    "share": {
        "agreement_id": "share-agreement",
        "partner_id": "share-agreement",
        "reason": "share-reason",
    },
    "stop": {"reason": "stop-reason"},
    "confirm": {"reason": "confirm-reason"},
    "corroboration": {
        "method": "corroboration-method",
        "what": "corroboration-what",
        "attempted_at": "corroboration-day",
        "result": "corroboration-result",
    },
    "conference": {
        "title": "conference-title",
        "scheduled_at": "conference-day",
        "location": "conference-location",
        "agenda": "conference-agenda",
        "invite": "conference-invite",
    },
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


def share_body(form: Form) -> dict[str, Any]:
    """The agreement chosen is sent with its partner (the option's value holds both)."""
    agreement, _, partner = text(form, "share-agreement").partition("/")
    if not agreement or not partner:
        raise Unreadable("share-agreement", "Choose the agreement the case is shared under")
    return {"agreement_id": agreement, "partner_id": partner, "reason": text(form, "share-reason")}


def conference_body(form: Form) -> dict[str, Any]:
    invite = form.getlist("conference-invite") if hasattr(form, "getlist") else []
    return {
        "title": text(form, "conference-title"),
        "scheduled_at": instant(form, "conference-day", "conference-time"),
        "location": text(form, "conference-location"),
        "agenda": lines(form, "conference-agenda"),
        "invite": [str(p) for p in invite if p],
    }


def outcome_body(form: Form) -> dict[str, Any]:
    body: dict[str, Any] = {"outcome": text(form, "outcome")}
    if result := optional(form, "mediation-result"):
        body["mediation_result"] = result
    return body


def corroboration_body(form: Form) -> dict[str, Any]:
    return {
        "method": text(form, "corroboration-method"),
        "what": text(form, "corroboration-what"),
        "attempted_at": instant(form, "corroboration-day", "corroboration-time"),
        "result": text(form, "corroboration-result"),
    }
