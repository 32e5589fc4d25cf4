"""Events from the Positive Engagement Service about a case's subject, onto the case's timeline.

Status and outcome only (see ``engagement_news``): the events carry no more, and the case keeps
no more.
"""

from __future__ import annotations

import uuid

from asb_shared.contracts import (
    EngagementOutcomeRecorded,
    EngagementReferralDecided,
    EngagementStatusChanged,
)
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..cases.models import Case
from ..timeline.recording import record
from . import engagement_news

ENGAGEMENT = "Positive Engagement Service"


async def _on_cases(
    uow: UnitOfWork, case_ids: list[uuid.UUID], *, kind: str, summary: str, data: dict[str, str]
) -> None:
    """Record the news on each of the event's organisation's cases named (others are ignored:
    an event never reaches another landlord's case)."""
    if not case_ids:
        return
    cases = (
        await uow.session.scalars(
            select(Case)
            .where(Case.id.in_(case_ids), Case.organisation_id == uow.envelope.organisation_id)
            .order_by(Case.id)
            .with_for_update()
        )
    ).all()
    for case in cases:
        await record(uow, case, actor=ENGAGEMENT, kind=kind, summary=summary, data=data)


async def referral_decided(uow: UnitOfWork, event: EngagementReferralDecided) -> None:
    await _on_cases(
        uow,
        [event.case_id] if event.case_id else [],
        kind="engagement_referral_decided",
        summary=engagement_news.referral_decided(event),
        data={"referral_id": str(event.referral_id), "decision": event.decision},
    )


async def engagement_changed(uow: UnitOfWork, event: EngagementStatusChanged) -> None:
    await _on_cases(
        uow,
        event.case_ids,
        kind="engagement_status",
        summary=engagement_news.engagement_changed(event),
        data={"status": event.status, "change": event.change},
    )


async def outcome_recorded(uow: UnitOfWork, event: EngagementOutcomeRecorded) -> None:
    await _on_cases(
        uow,
        event.case_ids,
        kind="engagement_outcome",
        summary=engagement_news.outcome_recorded(event),
        data={"outcome": event.outcome},
    )
