"""Reading a case's timeline."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..cases.store import case_to_read
from .models import TimelineEntry


@dataclass(frozen=True)
class TimelineOf:
    case_id: uuid.UUID


async def timeline_of(uow: UnitOfWork, query: TimelineOf) -> list[TimelineEntry]:
    """Everything that happened on the case, oldest first."""
    case = await case_to_read(uow, query.case_id)
    return list(
        await uow.session.scalars(
            select(TimelineEntry)
            .where(TimelineEntry.case_id == case.id)
            .order_by(TimelineEntry.at, TimelineEntry.id)
        )
    )
