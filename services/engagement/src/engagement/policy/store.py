"""Reading a landlord's policy as engagement last heard it; the defaults until it has."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.calendar import WorkingCalendar
from asb_shared.contracts.casework import EngagementPolicy, PolicyCalendar
from sqlalchemy.ext.asyncio import AsyncSession

from .models import LandlordPolicy
from .working_days import calendar_of


@dataclass(frozen=True)
class Policy:
    """What engagement works by for one landlord."""

    version: int
    calendar: WorkingCalendar
    engagement: EngagementPolicy


DEFAULTS = Policy(0, calendar_of(PolicyCalendar()), EngagementPolicy())
"""A landlord that never changed its policy works by the published policies' defaults (those
casework's default policy has)."""


async def policy_of(session: AsyncSession, organisation_id: uuid.UUID) -> Policy:
    """The landlord's policy as last announced, or the defaults."""
    row = await session.get(LandlordPolicy, organisation_id)
    if row is None:
        return DEFAULTS
    return Policy(
        row.version,
        calendar_of(PolicyCalendar.model_validate(row.calendar)),
        EngagementPolicy.model_validate(row.engagement),
    )
