"""The partner gateway's referrals to the landlord."""

from __future__ import annotations

from asb_shared.contracts import PartnerReferralReceived
from asb_shared.messaging.consumer import HandlerContext

from .usecases import take_referral


async def referral_received(ctx: HandlerContext, event: PartnerReferralReceived) -> None:
    await take_referral(ctx, event)
