"""The Positive Engagement Service's referral criteria and decision standard, with no I/O.

The policy's criteria, as data: the service is for people whose ASB is driven by drug or
alcohol use, mental health or anger, who are prolific, or whose tenancy is at risk. A referral
is accepted only when at least one criterion is met, and is decided (accepted or declined, with
a reason) within a service standard counted in working days.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from asb_shared.calendar import DEFAULT_CALENDAR, WorkingCalendar


class Criterion(StrEnum):
    DRUG_USE = "drug_use"
    ALCOHOL_USE = "alcohol_use"
    MENTAL_HEALTH = "mental_health"
    ANGER = "anger"
    PROLIFIC_BEHAVIOUR = "prolific_behaviour"
    RISK_TO_TENANCY = "risk_to_tenancy"


CRITERIA: dict[Criterion, str] = {
    Criterion.DRUG_USE: "Drug use contributes to the behaviour",
    Criterion.ALCOHOL_USE: "Alcohol use contributes to the behaviour",
    Criterion.MENTAL_HEALTH: "Mental health issues contribute to the behaviour",
    Criterion.ANGER: "Anger management issues contribute to the behaviour",
    Criterion.PROLIFIC_BEHAVIOUR: "Prolific anti-social behaviour",
    Criterion.RISK_TO_TENANCY: "The tenancy is at risk because of the behaviour",
}

# Words partner agencies use for the same criteria (their forms differ from ours).
_SYNONYMS: dict[str, Criterion] = {
    "drugs": Criterion.DRUG_USE,
    "substance_misuse": Criterion.DRUG_USE,
    "alcohol": Criterion.ALCOHOL_USE,
    "mental_health": Criterion.MENTAL_HEALTH,
    "anger_management": Criterion.ANGER,
    "anger": Criterion.ANGER,
    "prolific": Criterion.PROLIFIC_BEHAVIOUR,
    "tenancy_at_risk": Criterion.RISK_TO_TENANCY,
}


def parse_criteria(words: Iterable[str]) -> tuple[list[Criterion], list[str]]:
    """Criteria named by a partner: (the ones we know, the words we do not recognise)."""
    known: list[Criterion] = []
    unknown: list[str] = []
    for word in words:
        key = "_".join(word.strip().lower().replace("-", " ").split())
        criterion = Criterion(key) if key in Criterion._value2member_map_ else _SYNONYMS.get(key)
        if criterion is None:
            unknown.append(word)
        elif criterion not in known:
            known.append(criterion)
    return known, unknown


class Decision(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"


class DeclineReason(StrEnum):
    """Why a referral was declined: a code casework may see; the PEO's note stays here."""

    CRITERIA_NOT_MET = "criteria_not_met"
    CLIENT_DECLINED = "client_declined"
    ALREADY_SUPPORTED = "already_supported"
    OUT_OF_AREA = "out_of_area"
    OTHER = "other"


class Source(StrEnum):
    CASE = "case"
    PARTNER = "partner"
    KEYED = "keyed"


AWAITING_DECISION = "awaiting_decision"


def eligible(criteria: Iterable[Criterion]) -> bool:
    """A referral may be accepted only when at least one of the policy's criteria is met."""
    return any(True for _ in criteria)


def decision_due(
    received_at: datetime, working_days: int, calendar: WorkingCalendar = DEFAULT_CALENDAR
) -> datetime:
    """When the decision is due: closing time ``working_days`` working days after receipt, on
    the landlord's ``calendar`` (its policy sets both: five working days by default)."""
    return calendar.due_at(received_at, working_days)


def within_standard(decided_at: datetime, due_at: datetime) -> bool:
    return decided_at <= due_at
