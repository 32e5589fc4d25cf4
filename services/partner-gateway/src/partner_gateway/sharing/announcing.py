"""Partners a case is shared with are told of its changes by webhook, each as its own agreement
lets it see the case."""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..agreements.models import Agreement
from ..agreements.rules import in_force, uk_today
from ..agreements.store import terms
from ..webhooks.outgoing import announce
from ..webhooks.rules import EventType
from .facts import facts_of
from .models import CaseProjection, CaseShare
from .redaction import redact


async def announce_to_sharers(uow: UnitOfWork, case: CaseProjection, event_type: EventType) -> None:
    """Tell every partner the case is shared with (under an agreement in force) by webhook,
    each with the case as its own agreement lets it see it."""
    today = uk_today(uow.now())
    rows = (
        await uow.session.execute(
            select(CaseShare, Agreement)
            .join(Agreement, Agreement.id == CaseShare.agreement_id)
            .where(CaseShare.case_id == case.case_id, CaseShare.stopped_at.is_(None))
        )
    ).all()
    facts = facts_of(case)
    for share, agreement in rows:
        found = terms(agreement)
        if not in_force(found, today):
            continue
        shown = redact(facts, found)
        if shown is not None:
            await announce(
                uow,
                organisation_id=case.organisation_id,
                partner_id=share.partner_id,
                event_type=event_type,
                data=shown.data,
            )
