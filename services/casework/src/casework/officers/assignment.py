"""Choosing a designated officer for a new case: by skill for a priority route, then by patch
(area), then by the fewest open cases."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, any_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..cases.models import Case
from ..lifecycle.state_machine import CLOSED_STATES
from .models import Officer

SKILL_FOR_ROUTE = {
    "domestic_abuse": "domestic_abuse",
    "hate_incident": "hate_incident",
    "safeguarding": "safeguarding",
}
"""The skill an officer needs for each priority route (a landlord's officers declare theirs)."""


def skill_for(priority_route: str | None) -> str | None:
    """The skill a case on ``priority_route`` asks of its officer, if any."""
    return SKILL_FOR_ROUTE.get(priority_route or "")


async def choose_officer(
    session: AsyncSession,
    organisation_id: uuid.UUID,
    patch: str | None,
    *,
    skill: str | None = None,
) -> tuple[Officer, str] | None:
    """The active officer to take a new case, and why them.

    With a ``skill`` (domestic abuse, hate, safeguarding) the officers who have it come first:
    among them the one covering the patch, else any; each time the fewest open cases wins. With
    nobody skilled (or no skill asked), the officer covering the patch with the fewest open
    cases, else any active officer with the fewest; None when the organisation has no active
    officers (a team leader assigns).
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

    async def fewest(*conditions: ColumnElement[bool]) -> Officer | None:
        return await session.scalar(
            base.where(*conditions).order_by(caseload, Officer.subject).limit(1)
        )

    in_patch = any_(Officer.patches) == patch
    tries: list[tuple[list[ColumnElement[bool]], str]] = []
    if skill:
        has_skill = any_(Officer.skills) == skill
        if patch:
            tries.append(
                ([has_skill, in_patch], f"{skill} skill, patch {patch}, fewest open cases")
            )
        tries.append(([has_skill], f"{skill} skill, fewest open cases"))
    if patch:
        tries.append(([in_patch], f"patch {patch}, fewest open cases"))
    tries.append(
        ([], "no officer covers the patch, fewest open cases" if patch else "fewest open cases")
    )
    for conditions, why in tries:
        found = await fewest(*conditions)
        if found is not None:
            if skill and skill not in found.skills:
                why = f"nobody with the {skill} skill is free; " + why
            return found, why
    return None
