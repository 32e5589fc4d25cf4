"""Events from the Positive Engagement Service about a case's subject, onto the case's timeline.

Status and outcome only (see ``engagement_news``): the events carry no more, and the case keeps
no more.
"""

from __future__ import annotations

from asb_shared.contracts.engagement import (
    EngagementOutcomeRecorded,
    EngagementReferralDecided,
    EngagementStatusChanged,
)
from asb_shared.usecase import UnitOfWork

from ..timeline.recording import record_on_cases
from . import engagement_news

ENGAGEMENT = "Positive Engagement Service"


async def referral_decided(uow: UnitOfWork, event: EngagementReferralDecided) -> None:
    await record_on_cases(
        uow,
        [event.case_id] if event.case_id else [],
        actor=ENGAGEMENT,
        kind="engagement_referral_decided",
        summary=engagement_news.referral_decided(event),
        data={"referral_id": str(event.referral_id), "decision": event.decision},
    )


async def engagement_changed(uow: UnitOfWork, event: EngagementStatusChanged) -> None:
    await record_on_cases(
        uow,
        event.case_ids,
        actor=ENGAGEMENT,
        kind="engagement_status",
        summary=engagement_news.engagement_changed(event),
        data={"status": event.status, "change": event.change},
    )


async def outcome_recorded(uow: UnitOfWork, event: EngagementOutcomeRecorded) -> None:
    await record_on_cases(
        uow,
        event.case_ids,
        actor=ENGAGEMENT,
        kind="engagement_outcome",
        summary=engagement_news.outcome_recorded(event),
        data={"outcome": event.outcome},
    )
