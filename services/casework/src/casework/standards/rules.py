"""The standards' rules a case runs on: its landlord's policy version, read once per process."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from ..policy.store import policy_at
from .policy import StandardRules, standard_rules

_rules: dict[tuple[uuid.UUID, int], StandardRules] = {}


async def rules_at(
    session: AsyncSession, organisation_id: uuid.UUID, version: int
) -> StandardRules:
    """The standards' rules of the landlord's ``version`` (what a case opened under it runs on).

    Versions never change once written, so each is worked out once per process."""
    key = (organisation_id, version)
    found = _rules.get(key)
    if found is None:
        found = _rules[key] = standard_rules(await policy_at(session, organisation_id, version))
    return found
