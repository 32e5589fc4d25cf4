"""Reading a case's timeline."""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..cases.store import WhichCase, case_to_read
from .models import TimelineEntry


async def timeline_of(uow: UnitOfWork, query: WhichCase) -> list[TimelineEntry]:
    """Everything that happened on the case, oldest first."""
    case = await case_to_read(uow, query.case_id)
    return list(
        await uow.session.scalars(
            select(TimelineEntry)
            .where(TimelineEntry.case_id == case.id)
            .order_by(TimelineEntry.at, TimelineEntry.id)
        )
    )
