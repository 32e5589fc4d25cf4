"""The partner gateway's referrals to the landlord."""

from __future__ import annotations

from asb_shared.contracts.partner_gateway import PartnerReferralReceived
from asb_shared.usecase import UnitOfWork

from .usecases import take_referral


async def referral_received(uow: UnitOfWork, event: PartnerReferralReceived) -> None:
    await take_referral(uow, event)
