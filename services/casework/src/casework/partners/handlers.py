"""Partner agencies' news onto the case's timeline, with the partner's name as the actor."""

from __future__ import annotations

from asb_shared.contracts.partner_gateway import (
    ConferenceActionUpdated,
    PartnerUpdatePosted,
    SafeguardingReferralProgressed,
)
from asb_shared.usecase import UnitOfWork

from ..timeline.recording import record_on_cases
from . import news


async def update_posted(uow: UnitOfWork, event: PartnerUpdatePosted) -> None:
    await record_on_cases(
        uow,
        [event.case_id],
        actor=event.partner_name[:200],
        kind="partner_action" if event.kind == "action" else "partner_update",
        summary=news.update_posted(event),
        data={"update_id": str(event.update_id), "partner_id": str(event.partner_id)},
    )


async def safeguarding_progressed(uow: UnitOfWork, event: SafeguardingReferralProgressed) -> None:
    await record_on_cases(
        uow,
        [event.case_id],
        actor=(event.partner_name or "partner gateway")[:200],
        kind="safeguarding_referral_undeliverable"
        if event.stage == "undeliverable"
        else "safeguarding_referral_progress",
        summary=news.safeguarding_progressed(event),
        data={"referral_id": str(event.referral_id), "stage": event.stage},
    )


async def conference_action_updated(uow: UnitOfWork, event: ConferenceActionUpdated) -> None:
    await record_on_cases(
        uow,
        [event.case_id],
        actor=event.partner_name[:200],
        kind="conference_action",
        summary=news.conference_action_updated(event),
        data={"action_id": str(event.action_id), "status": event.status},
    )
