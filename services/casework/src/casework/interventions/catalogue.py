"""The intervention catalogue, with no I/O: from advice to eviction, and which are legal action."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from ..policy.lists import InterventionSetting


class InterventionKind(StrEnum):
    """The intervention catalogue, from advice to eviction (escalating, proportionate)."""

    ADVICE = "advice"
    WARNING_LETTER = "warning_letter"
    HOME_VISIT = "home_visit"
    MEDIATION_REFERRAL = "mediation_referral"
    RESTORATIVE_PRACTICE = "restorative_practice"
    GOOD_NEIGHBOUR_AGREEMENT = "good_neighbour_agreement"
    ACCEPTABLE_BEHAVIOUR_CONTRACT = "acceptable_behaviour_contract"
    TENANCY_SUSTAINMENT_CONTRACT = "tenancy_sustainment_contract"
    SUPPORT_REFERRAL = "support_referral"
    TARGET_HARDENING = "target_hardening"
    LEND_A_CAM = "lend_a_cam"
    NOISE_MONITORING = "noise_monitoring"
    JOINT_POLICE_VISIT = "joint_police_visit"
    COMMUNITY_PROTECTION_WARNING = "community_protection_warning"
    COMMUNITY_PROTECTION_NOTICE = "community_protection_notice"
    INTRODUCTORY_TENANCY_EXTENSION = "introductory_tenancy_extension"
    DEMOTION = "demotion"
    CIVIL_INJUNCTION = "civil_injunction"
    CLOSURE_ORDER = "closure_order"
    NOTICE_OF_SEEKING_POSSESSION = "notice_of_seeking_possession"
    POSSESSION = "possession"
    EVICTION = "eviction"


LEGAL_KINDS: frozenset[InterventionKind] = frozenset(
    {
        InterventionKind.COMMUNITY_PROTECTION_NOTICE,
        InterventionKind.INTRODUCTORY_TENANCY_EXTENSION,
        InterventionKind.DEMOTION,
        InterventionKind.CIVIL_INJUNCTION,
        InterventionKind.CLOSURE_ORDER,
        InterventionKind.NOTICE_OF_SEEKING_POSSESSION,
        InterventionKind.POSSESSION,
        InterventionKind.EVICTION,
    }
)
"""The interventions counted as legal action (legal actions year to date)."""


def is_legal(kind: InterventionKind | str) -> bool:
    return InterventionKind(kind) in LEGAL_KINDS


def needs_positive_requirement(kind: InterventionKind | str | None) -> bool:
    """A civil injunction is sought with at least one positive requirement (what the person
    must do, not only what they must not)."""
    return kind == InterventionKind.CIVIL_INJUNCTION


def offered(kind: InterventionKind | str, catalogue: Iterable[InterventionSetting]) -> bool:
    """Whether the landlord's catalogue (its policy's ``interventions``) offers ``kind``."""
    return any(setting.kind == kind for setting in catalogue)
