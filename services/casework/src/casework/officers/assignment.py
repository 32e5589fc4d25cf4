"""Choosing a designated officer for a new case: by skill for a priority route, then by patch
(area), then by the fewest open cases."""

from __future__ import annotations

import functools
import uuid

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    any_,
    bindparam,
    case,
    func,
    literal,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from ..cases.models import Case
from ..cases.state_machine import CLOSED_STATES
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
    statement, whys = _choosing(bool(skill), bool(patch))
    given = {"skill": skill} if skill else {}
    given |= {"patch": patch} if patch else {}
    found = (
        await session.execute(statement, {"organisation_id": organisation_id, **given})
    ).first()
    if found is None:
        return None
    officer, n = found
    why = whys[n].format(**given)
    if skill and skill not in officer.skills:
        why = f"nobody with the {skill} skill is free; " + why
    return officer, why


@functools.cache
def _choosing(skilled: bool, patched: bool) -> tuple[Select[Officer, int], list[str]]:
    """The statement choosing among the active officers (the organisation, skill and patch as
    parameters), and why the officer it finds was chosen, by the try they met first.

    The tries in one statement: each officer ranked by the first try they meet, the best ranked
    with the fewest open cases wins. Built once for each shape: a case is assigned every time
    one opens.
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
    in_patch = any_(Officer.patches) == bindparam("patch", type_=String)
    tries: list[tuple[list[ColumnElement[bool]], str]] = []
    if skilled:
        has_skill = any_(Officer.skills) == bindparam("skill", type_=String)
        if patched:
            tries.append(([has_skill, in_patch], "{skill} skill, patch {patch}, fewest open cases"))
        tries.append(([has_skill], "{skill} skill, fewest open cases"))
    if patched:
        tries.append(([in_patch], "patch {patch}, fewest open cases"))
    tries.append(
        ([], "no officer covers the patch, fewest open cases" if patched else "fewest open cases")
    )
    whens = [(and_(*conditions), n) for n, (conditions, _) in enumerate(tries[:-1])]
    first_met = case(*whens, else_=len(tries) - 1) if whens else literal(0)
    statement = (
        select(Officer, first_met)
        .where(Officer.organisation_id == bindparam("organisation_id"), Officer.active.is_(True))
        .order_by(first_met, caseload, Officer.subject)
        .limit(1)
    )
    return statement, [why for _, why in tries]
