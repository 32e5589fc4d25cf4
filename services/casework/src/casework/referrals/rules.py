"""Referrals out of casework, as pure rules: where a case can be referred, and MARAC's condition.

No I/O happens here.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from asb_shared.contracts.common import AsbCategory


class ReferralKind(StrEnum):
    ENGAGEMENT = "engagement"
    """To the Positive Engagement Service, for the subject."""
    MASH = "mash"
    """Safeguarding: a child or an adult at risk."""
    MARAC = "marac"
    """Domestic abuse at high risk."""
    VICTIM_SERVICE = "victim_service"
    """Victim Support or a local victim service, for a victim who agrees (Stockport, NPH)."""


LABELS = {
    ReferralKind.ENGAGEMENT: "Positive Engagement",
    ReferralKind.MASH: "MASH (safeguarding)",
    ReferralKind.MARAC: "MARAC",
    ReferralKind.VICTIM_SERVICE: "Victim service",
}


def refusal(kind: ReferralKind, case_categories: Iterable[str]) -> str | None:
    """Why a case cannot be referred to ``kind``, or None if it can: MARAC (the multi-agency
    risk conference) is for domestic abuse cases only."""
    if kind == ReferralKind.MARAC and AsbCategory.DOMESTIC_ABUSE.value not in case_categories:
        return "a MARAC referral is for a domestic abuse case"
    return None


def announced(kind: ReferralKind) -> bool:
    """Whether another service takes the referral up (Positive Engagement is the engagement
    service's); MASH, MARAC and victim-service referrals go through the partner gateway."""
    return kind == ReferralKind.ENGAGEMENT


def delivered_through_partners(kind: ReferralKind) -> bool:
    """Whether the partner gateway delivers the referral to the landlord's MASH, MARAC or
    victim-service partner (under its sharing agreement), whose acknowledgement and outcome
    come back."""
    return kind in (ReferralKind.MASH, ReferralKind.MARAC, ReferralKind.VICTIM_SERVICE)


MARAC_NEEDS_HIGH_RISK = (
    "A MARAC referral needs a high-risk assessment of the victim, or a team leader's override "
    "with a reason."
)


def marac_refusal(risk_level: str, override_reason: str | None, by_team_leader: bool) -> str | None:
    """Why a MARAC referral cannot be made now, or None if it can.

    MARAC (the multi-agency risk assessment conference) takes high-risk domestic abuse: the
    case's risk assessment must be HIGH, unless a team leader overrides it with a reason
    (professional judgement, or escalation after repeat incidents).
    """
    if risk_level == "high":
        return None
    if override_reason is None:
        return MARAC_NEEDS_HIGH_RISK
    if not by_team_leader:
        return "Only a team leader can refer to MARAC without a high-risk assessment."
    return None
