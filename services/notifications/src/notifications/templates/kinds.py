"""The kinds of message the platform sends, and the fields each one's templates may use."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class MessageKind(StrEnum):
    ACKNOWLEDGEMENT = "report_acknowledgement"
    """To every complainant: we have your report, here is your reference."""
    OFFICER_ASSIGNED = "officer_assigned"
    UPDATE_SHARED = "update_shared"
    CASE_CLOSED = "case_closed"
    SATISFACTION_SURVEY = "satisfaction_survey"
    COMMUNITY_TRIGGER = "community_trigger"
    CASE_REVIEW_DECISION = "case_review_decision"
    """To a case review's applicant: whether a review will be held, and why."""
    CASE_REVIEW_OUTCOME = "case_review_outcome"
    """To a case review's applicant: what the review found and recommends."""
    CASE_REVIEW_APPEAL = "case_review_appeal"
    """To a case review's applicant: their appeal received, then decided."""
    STANDARD_WARNING = "standard_warning"
    """In-app, to the officer."""
    STANDARD_BREACHED = "standard_breached"
    """In-app, to the officer and the team leaders."""
    PLAN_REVIEW_DUE = "plan_review_due"
    """In-app, to the Positive Engagement officer."""
    OFFICER_TASK = "officer_task"
    """In-app, to the officer: contact the person yourself (no safe channel, a call...)."""
    DELIVERY_FAILED = "delivery_failed"
    """In-app, to the officer: a message could not be delivered."""
    WEBHOOK_PAUSED = "webhook_paused"
    """Email, to a partner agency's administrator: their webhook endpoint is paused."""


TO_PEOPLE = {
    MessageKind.ACKNOWLEDGEMENT,
    MessageKind.OFFICER_ASSIGNED,
    MessageKind.UPDATE_SHARED,
    MessageKind.CASE_CLOSED,
    MessageKind.SATISFACTION_SURVEY,
    MessageKind.COMMUNITY_TRIGGER,
    MessageKind.CASE_REVIEW_DECISION,
    MessageKind.CASE_REVIEW_OUTCOME,
    MessageKind.CASE_REVIEW_APPEAL,
}

WHAT = {
    MessageKind.ACKNOWLEDGEMENT: "the acknowledgement of their report",
    MessageKind.OFFICER_ASSIGNED: "the name of their officer",
    MessageKind.UPDATE_SHARED: "the update you shared",
    MessageKind.CASE_CLOSED: "the closure of the case and its outcome",
    MessageKind.SATISFACTION_SURVEY: "the satisfaction survey",
    MessageKind.COMMUNITY_TRIGGER: "their right to an ASB case review (Community Trigger)",
    MessageKind.CASE_REVIEW_DECISION: "the decision on their ASB case review application",
    MessageKind.CASE_REVIEW_OUTCOME: "the outcome of their ASB case review",
    MessageKind.CASE_REVIEW_APPEAL: "their appeal about their ASB case review",
}
"""What a message to a person is about, in an officer's words (for tasks and reasons)."""

SAMPLES: dict[MessageKind, dict[str, Any]] = {
    MessageKind.ACKNOWLEDGEMENT: {
        "name": "Sam",
        "reference": "ASB-2026-000123",
        "follow_url": "https://report.example.org/hx/follow/HX-2026-000123",
        "case_reference": "CASE-2026-000045",
        "joined_existing": False,
    },
    MessageKind.OFFICER_ASSIGNED: {
        "name": "Sam",
        "reference": "ASB-2026-000123",
        "follow_url": "https://report.example.org/hx/follow/HX-2026-000123",
        "case_reference": "CASE-2026-000045",
        "officer_name": "Jo Bloggs",
    },
    MessageKind.UPDATE_SHARED: {
        "name": "Sam",
        "reference": "ASB-2026-000123",
        "follow_url": "https://report.example.org/hx/follow/HX-2026-000123",
        "case_reference": "CASE-2026-000045",
        "officer_name": "Jo Bloggs",
        "update": "We have visited your neighbour and given a warning.",
    },
    MessageKind.CASE_CLOSED: {
        "name": "Sam",
        "reference": "ASB-2026-000123",
        "follow_url": "https://report.example.org/hx/follow/HX-2026-000123",
        "case_reference": "CASE-2026-000045",
        "officer_name": "Jo Bloggs",
        "outcome": "resolved",
    },
    MessageKind.SATISFACTION_SURVEY: {
        "name": "Sam",
        "reference": "ASB-2026-000123",
        "follow_url": "https://report.example.org/hx/follow/HX-2026-000123",
        "case_reference": "CASE-2026-000045",
        "survey_link": "https://report.example.org/survey?reference=ASB-2026-000123",
    },
    MessageKind.COMMUNITY_TRIGGER: {
        "name": "Sam",
        "reference": "ASB-2026-000123",
        "follow_url": "https://report.example.org/hx/follow/HX-2026-000123",
        "case_reference": "CASE-2026-000045",
        "reports_counted": 3,
    },
    MessageKind.CASE_REVIEW_DECISION: {
        "name": "Sam",
        "reference": "ASB-2026-000123",
        "follow_url": "https://report.example.org/hx/follow/HX-2026-000123",
        "case_reference": "CASE-2026-000045",
        "decision": "accepted",
        "text": "You reported the same problem three times in six months.",
        "appeal_by": "5 Jan 2027",
    },
    MessageKind.CASE_REVIEW_OUTCOME: {
        "name": "Sam",
        "reference": "ASB-2026-000123",
        "follow_url": "https://report.example.org/hx/follow/HX-2026-000123",
        "case_reference": "CASE-2026-000045",
        "text": "The partners agreed a joint visit and a noise monitor.",
        "appeal_by": "5 Jan 2027",
    },
    MessageKind.CASE_REVIEW_APPEAL: {
        "name": "Sam",
        "reference": "ASB-2026-000123",
        "follow_url": "https://report.example.org/hx/follow/HX-2026-000123",
        "case_reference": "CASE-2026-000045",
        "stage": "appeal_decision",
        "decision": "upheld",
        "text": "The review did not consider the noise diary.",
        "due_by": "5 Jan 2027",
    },
    MessageKind.STANDARD_WARNING: {
        "case_reference": "CASE-2026-000045",
        "standard": "first contact with the complainant",
        "due": "24 Nov 2026 17:00",
    },
    MessageKind.STANDARD_BREACHED: {
        "case_reference": "CASE-2026-000045",
        "standard": "first contact with the complainant",
        "due": "24 Nov 2026 17:00",
    },
    MessageKind.PLAN_REVIEW_DUE: {
        "client_reference": "PES-2026-000012",
        "due": "24 Nov 2026",
        "stage": "warning",
    },
    MessageKind.OFFICER_TASK: {
        "case_reference": "CASE-2026-000045",
        "task": "Call them on the safe number (weekdays 10:00 to 12:00).",
        "reasons": "email not used: marked unsafe",
    },
    MessageKind.DELIVERY_FAILED: {
        "case_reference": "CASE-2026-000045",
        "what": "the acknowledgement",
        "channel": "SMS",
        "error": "phone_number Not a UK mobile number",
    },
    MessageKind.WEBHOOK_PAUSED: {
        "partner_name": "Greater Manchester Police",
        "url": "https://partner.example.org/asb/webhooks",
        "failures": 7,
        "last_error": "HTTP 500",
        "paused_at": "24 Nov 2026 17:00",
    },
}
"""Sample values for previews; their keys are the fields each kind's templates may use."""


def fields_of(kind: MessageKind) -> set[str]:
    return set(SAMPLES[kind])
