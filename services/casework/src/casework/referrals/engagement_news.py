"""What the case shows of the Positive Engagement Service's work with its subject: pure rules.

Engagement is confidential (Positive Engagement Policy 3.9): casework sees status and outcome
only. These turn engagement's events into the words on the case timeline, and nothing else of
them reaches the case.
"""

from __future__ import annotations

from datetime import date

from asb_shared.contracts.engagement import (
    EngagementOutcomeRecorded,
    EngagementReferralDecided,
    EngagementStatusChanged,
)

_DECLINED = {
    "criteria_not_met": "the referral does not meet the service's criteria",
    "client_declined": "the person declined support",
    "already_supported": "the person is already supported",
    "out_of_area": "the person is outside the service's area",
}
_CHANGES = {
    "consent_given": "consented to support",
    "consent_withdrawn": "withdrew consent",
    "disengaged": "disengaged",
    "re_engaged": "re-engaged",
}
_OUTCOMES = {
    "behaviour_stopped": "behaviour stopped",
    "legal_action_avoided": "legal action avoided",
    "tenancy_sustained": "tenancy sustained",
    "disengaged": "disengaged",
    "escalated": "escalated",
}


def _words(table: dict[str, str], code: str) -> str:
    return table.get(code, code.replace("_", " "))


def _day(value: date) -> str:
    return value.strftime("%d %b %Y")


def referral_decided(event: EngagementReferralDecided) -> str:
    if event.decision == "accepted":
        summary = "Positive Engagement accepted the referral"
    else:
        reason = _words(_DECLINED, event.decline_reason) if event.decline_reason else None
        summary = "Positive Engagement declined the referral" + (f": {reason}" if reason else "")
    if not event.within_standard:
        summary += " (decided later than its service standard)"
    return summary


def engagement_changed(event: EngagementStatusChanged) -> str:
    return f"Positive Engagement: the subject {_words(_CHANGES, event.change)} on {_day(event.effective_on)}"


def outcome_recorded(event: EngagementOutcomeRecorded) -> str:
    summary = f"Positive Engagement outcome: {_words(_OUTCOMES, event.outcome)} ({_day(event.recorded_on)})"
    if event.legal_action_avoided and event.outcome != "legal_action_avoided":
        summary += "; legal action avoided"
    return summary
