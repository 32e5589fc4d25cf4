"""Events engagement consumes."""

from __future__ import annotations

from asb_shared.contracts import EngagementReferralRequested
from asb_shared.messaging.consumer import HandlerContext, Handlers
from sqlalchemy.dialects.postgresql import insert

from .models import Referral

handlers = Handlers()

AWAITING_DECISION = "awaiting_decision"


@handlers.on(EngagementReferralRequested)
async def referral_requested(ctx: HandlerContext, event: EngagementReferralRequested) -> None:
    """Record the referral, awaiting the client's consent and the service's decision."""
    await ctx.session.execute(
        insert(Referral)
        .values(
            id=event.referral_id,
            organisation_id=ctx.envelope.organisation_id,
            case_id=event.case_id,
            case_reference=event.case_reference,
            subject_name=event.subject_name,
            reason=event.reason,
            requested_by=event.requested_by,
            status=AWAITING_DECISION,
        )
        .on_conflict_do_nothing(index_elements=[Referral.id])
    )
