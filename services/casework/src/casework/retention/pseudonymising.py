"""What pseudonymising a case leaves and what it takes, table by table: the rule as data.

A pseudonymised case keeps what the published measures and the Community Trigger's past counts
read (its dates, status, categories, route, risk level, outcome; the timeline's status steps,
the standards, plans and interventions by date and kind; the survey's answers as numbers) and
loses every name, address, contact detail and free text. The values replace the columns of
every row of the case; ``report_index`` (the search index) loses the case's rows outright.
No I/O happens here.
"""

from __future__ import annotations

from typing import Any

BLANK: dict[str, dict[str, Any]] = {
    "cases": {
        "summary": "",
        "location": None,
        "address_key": None,
        "subject_keys": [],
        "not_asb_advice": None,
        "initial_response": None,
        "closure_reason": None,
    },
    "case_reports": {
        "description": "",
        "address_key": None,
        "subject_keys": [],
        "link_reason": None,
        "payload": {},
    },
    "complainants": {
        "name": None,
        "email": None,
        "phone": None,
        "address": None,
        "preferences": {},
        "note": None,
        "code_word": None,
        "person_keys": [],
    },
    "contacts": {"summary": ""},
    "corroboration_attempts": {"what": "", "result": ""},
    "evidence": {"description": "", "location": None},
    "interventions": {"notes": None, "outcome": None},
    "language_needs": {"notes": None},
    "referrals": {"person_name": "", "reason": "", "details": {}},
    "risk_assessments": {"answers": {}},
    "action_plans": {"actions": []},
    "trigger_eligibility": {"person_keys": []},
    "case_reviews": {
        "applicant_name": None,
        "applicant_email": None,
        "applicant_phone": None,
        "on_behalf_of": None,
        "description": "",
        "decision_reason": None,
        "meeting_notes": None,
        "meeting_attendees": [],
        "recommendations": [],
        "outcome": None,
    },
    "timeline": {"summary": ""},
}
"""Per table, the value each column takes."""

COUNTED_TIMELINE_KEYS = ("from", "to", "command", "kind", "handling", "outcome", "due_at")
"""What a timeline entry's data keeps: the steps and answers the measures count."""

DELETED = ("report_index",)
"""Tables whose rows of the case go (the search index: a pseudonymised case is not found)."""

ERASED_CONTACT = BLANK["complainants"]
"""What erasing a complainant's contact details sets on their contact record."""
