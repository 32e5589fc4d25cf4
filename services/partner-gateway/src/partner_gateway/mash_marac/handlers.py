"""Casework's MASH/MARAC referrals: delivered to the partner, and noted on the projection."""

from __future__ import annotations

from asb_shared.contracts.casework import SafeguardingReferralMade
from asb_shared.usecase import UnitOfWork

from ..sharing.projection import CaseEvent, apply_case_event
from .usecases import deliver_referral


async def referral_made(uow: UnitOfWork, event: SafeguardingReferralMade) -> None:
    await apply_case_event(
        uow,
        CaseEvent(
            event.case_id,
            event.case_reference,
            0,
            "received",
            versioned=False,
            safeguarding_referral={
                "referral_id": str(event.referral_id),
                "kind": event.kind,
                "person_name": event.person_name,
                "reason": event.reason,
                "referred_at": event.referred_at.isoformat(),
            },
        ),
    )
    await deliver_referral(uow, event)
