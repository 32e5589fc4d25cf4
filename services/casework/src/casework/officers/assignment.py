"""Choosing a designated officer for a new case: by patch (area), then by the fewest open cases."""

from __future__ import annotations

import uuid

from sqlalchemy import any_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..cases.models import Case
from ..lifecycle.state_machine import CLOSED_STATES
from .models import Officer


async def choose_officer(
    session: AsyncSession, organisation_id: uuid.UUID, patch: str | None
) -> Officer | None:
    """The active officer covering the patch with the fewest open cases.

    With no officer for the patch (or no patch), any active officer of the organisation with the
    fewest open cases; None when the organisation has no active officers (a team leader assigns).
    """
    caseload = (
        select(func.count())
        .select_from(Case)
        .where(
            Case.officer_id == Officer.subject,
            Case.organisation_id == Officer.organisation_id,
            Case.status.not_in([s.value for s in CLOSED_STATES]),
        )
        .scalar_subquery()
    )
    base = select(Officer).where(
        Officer.organisation_id == organisation_id, Officer.active.is_(True)
    )
    if patch:
        found = await session.scalar(
            base.where(any_(Officer.patches) == patch).order_by(caseload, Officer.subject).limit(1)
        )
        if found is not None:
            return found
    return await session.scalar(base.order_by(caseload, Officer.subject).limit(1))
