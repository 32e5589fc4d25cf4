"""Which shared case a partner may see: shared with it, under an agreement in force that
covers the case, redacted to that agreement."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import NotFound, UnitOfWork
from sqlalchemy import select

from ..agreements.models import Agreement
from ..agreements.rules import Terms, in_force
from ..agreements.store import terms
from ..credentials.caller import PartnerCaller
from .facts import facts_of
from .models import CaseProjection, CaseShare
from .redaction import Redacted, redact


@dataclass(frozen=True)
class SharedWith:
    """A case as one partner may see it, and the agreement it sees it under."""

    case: CaseProjection
    share: CaseShare
    terms: Terms
    redacted: Redacted


async def shared_case(uow: UnitOfWork, caller: PartnerCaller, case_id: uuid.UUID) -> SharedWith:
    """The case, if it is shared with the caller under an agreement in force that covers it.

    Otherwise NotFound: a partner is not told whether a case it may not see exists."""
    rows = (
        await uow.session.execute(
            select(CaseShare, CaseProjection, Agreement)
            .join(CaseProjection, CaseProjection.case_id == CaseShare.case_id)
            .join(Agreement, Agreement.id == CaseShare.agreement_id)
            .where(
                CaseShare.case_id == case_id,
                CaseShare.partner_id == caller.partner_id,
                CaseShare.organisation_id == caller.organisation_id,
                CaseProjection.organisation_id == caller.organisation_id,
                CaseShare.stopped_at.is_(None),
            )
        )
    ).all()
    for share, case, agreement in rows:
        found = terms(agreement)
        if not in_force(found, caller.today):
            continue
        shown = redact(facts_of(case), found)
        if shown is not None:
            return SharedWith(case, share, found, shown)
    raise NotFound("No case shared with you has this id.")
