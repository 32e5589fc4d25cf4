"""Referrals arriving by event: from casework (a case's subject) and from the partner gateway."""

from __future__ import annotations

from asb_shared.contracts.casework import EngagementReferralRequested
from asb_shared.contracts.partner_gateway import PartnerEngagementReferral
from asb_shared.usecase import UnitOfWork

from .criteria import Source
from .usecases import ReceiveReferral, receive_referral


async def referral_requested(uow: UnitOfWork, event: EngagementReferralRequested) -> None:
    """An officer referred a case's subject."""
    await receive_referral(
        uow,
        ReceiveReferral(
            referral_id=event.referral_id,
            organisation_id=uow.envelope.organisation_id,
            source=Source.CASE,
            person_name=event.subject_name,
            reason=event.reason,
            requested_by=event.requested_by,
            criteria=[],
            case_id=event.case_id,
            case_reference=event.case_reference,
        ),
    )


async def partner_referral(uow: UnitOfWork, event: PartnerEngagementReferral) -> None:
    """A partner agency referred a person under its information sharing agreement."""
    await receive_referral(
        uow,
        ReceiveReferral(
            referral_id=event.referral_id,
            organisation_id=uow.envelope.organisation_id,
            source=Source.PARTNER,
            person_name=event.person_name,
            reason=event.reason,
            requested_by=event.partner_name,
            criteria=event.criteria,
            case_id=event.case_id,
            case_reference=event.case_reference,
            partner_id=event.partner_id,
            partner_name=event.partner_name,
            contact_notes=event.contact_notes,
        ),
    )
