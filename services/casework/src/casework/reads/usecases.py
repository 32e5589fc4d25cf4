"""Who has read a case, and every sensitive read of the landlord's (team leaders, admins)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from asb_shared import readaudit
from asb_shared.usecase import UnitOfWork

from ..cases.store import case_to_read, staff
from .models import SensitiveRead


@dataclass(frozen=True)
class ReadsQuery:
    """Which reads: of one case or all, by one reader or all, in a period; one page."""

    case_id: uuid.UUID | None = None
    actor: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 50
    cursor: uuid.UUID | None = None


async def reads(uow: UnitOfWork, query: ReadsQuery) -> list[SensitiveRead]:
    """Sensitive reads of the acting landlord's records, newest first. Asking about another
    landlord's case is "not found", as everywhere."""
    if query.case_id is not None:
        await case_to_read(uow, query.case_id)
    selected = readaudit.reads(
        SensitiveRead,
        staff(uow).organisation_id,
        actor=query.actor,
        since=query.since,
        until=query.until,
        case_id=query.case_id,
    )
    return await readaudit.newest_first(
        uow.session, selected, SensitiveRead, limit=query.limit, cursor=query.cursor
    )
