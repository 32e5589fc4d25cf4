"""Where a case may be referred (pure rules)."""

from __future__ import annotations

from casework.referrals.rules import (
    ReferralKind,
    announced,
    delivered_through_partners,
    refusal,
)


def test_marac_is_for_domestic_abuse_cases_only() -> None:
    assert refusal(ReferralKind.MARAC, ["noise"]) == "a MARAC referral is for a domestic abuse case"
    assert refusal(ReferralKind.MARAC, ["noise", "domestic_abuse"]) is None
    assert refusal(ReferralKind.MASH, []) is None
    assert refusal(ReferralKind.ENGAGEMENT, ["noise"]) is None


def test_only_positive_engagement_referrals_go_to_another_service() -> None:
    assert [k for k in ReferralKind if announced(k)] == [ReferralKind.ENGAGEMENT]


def test_mash_marac_and_victim_service_referrals_are_delivered_through_the_partner_gateway() -> (
    None
):
    assert [k for k in ReferralKind if delivered_through_partners(k)] == [
        ReferralKind.MASH,
        ReferralKind.MARAC,
        ReferralKind.VICTIM_SERVICE,
    ]
