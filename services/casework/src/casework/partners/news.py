"""The words a case's timeline shows for what a partner agency did: pure rules."""

from __future__ import annotations

from asb_shared.contracts.partner_gateway import (
    ConferenceActionUpdated,
    PartnerUpdatePosted,
    SafeguardingReferralProgressed,
)

_STAGES = {
    "delivered": "delivered to {partner}",
    "acknowledged": "acknowledged by {partner}",
    "outcome_recorded": "outcome from {partner}",
}


_LABELS = {"victim_service": "Victim service"}


def _words(code: str) -> str:
    return code.replace("_", " ")


def update_posted(event: PartnerUpdatePosted) -> str:
    if event.kind == "action" and event.action:
        return f"{event.partner_name}: {_words(event.action)}. {event.text}"[:2000]
    return f"{event.partner_name}: {event.text}"[:2000]


def safeguarding_progressed(event: SafeguardingReferralProgressed) -> str:
    """A MASH, MARAC or victim-service referral's progress; undeliverable is a task for the
    officer."""
    label = _LABELS.get(event.kind, event.kind.upper())
    if event.stage == "undeliverable":
        return (
            f"{label} referral could not be delivered: no {label} partner has an agreement in"
            " force. Make the referral another way today."
        )
    stage = _STAGES.get(event.stage, _words(event.stage) + " ({partner})")
    summary = f"{label} referral {stage.format(partner=event.partner_name or 'the partner')}"
    if event.outcome:
        summary += f": {event.outcome}"
    return summary[:2000]


def conference_action_updated(event: ConferenceActionUpdated) -> str:
    summary = (
        f"Case conference action for {event.partner_name} ({event.description}):"
        f" {_words(event.status)}"
    )
    if event.note:
        summary += f". {event.note}"
    return summary[:2000]
