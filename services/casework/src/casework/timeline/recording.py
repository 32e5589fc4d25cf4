"""Recording what happened on a case: a timeline entry, and the case's next version.

Every change to a case is recorded here, in the transaction that made it, saying who did it.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

from asb_shared.auth import Principal
from asb_shared.db import uuid7
from asb_shared.usecase import UnitOfWork
from sqlalchemy import insert, select

from ..cases.models import Case
from ..db import table_of
from .models import TimelineEntry

_INSERT_ENTRY = insert(table_of(TimelineEntry))
_TOGETHER = "casework_timeline_together"

SYSTEM = "system"
"""The actor recorded when casework acts on its own (an event, a timer)."""
REPORTER = "reporter"
COMPLAINANT = "complainant"


def actor_of(principal: Principal) -> str:
    """Who did it, as recorded on the case (the name from the token, else its subject)."""
    return (principal.name or principal.subject)[:200]


def acting(uow: UnitOfWork) -> str:
    """The member of staff acting in this unit of work as recorded on the case, or the system."""
    return actor_of(uow.actor) if uow.actor is not None else SYSTEM


async def record(
    uow: UnitOfWork,
    case: Case,
    *,
    actor: str,
    kind: str,
    summary: str,
    data: dict[str, Any] | None = None,
) -> None:
    """Add an entry to the case's timeline and move the case to its next version.

    A case past its retention date keeps no text: what happens to it afterwards (a message
    delivered late, a timer) is recorded by its kind and time alone."""
    if case.expired_at is not None:
        summary, data = "", {}
    case.version += 1
    case.updated_at = uow.now()
    entry = {
        "id": uuid7(),
        "case_id": case.id,
        "organisation_id": case.organisation_id,
        "at": case.updated_at,
        "actor": actor,
        "kind": kind,
        "summary": summary,
        "data": data or {},
    }
    together: list[dict[str, Any]] | None = uow.session.info.get(_TOGETHER)
    if together is not None:
        together.append(entry)
        return
    # A Core insert: entries are written, never read back in the same transaction.
    # The values as parameters: the statement is the same every time, so its compiled form and
    # cache key are reused instead of built again for each entry.
    await uow.session.execute(_INSERT_ENTRY, entry)


@contextlib.asynccontextmanager
async def recorded_together(uow: UnitOfWork) -> AsyncIterator[None]:
    """The entries recorded inside the block are written in one statement when it ends (one
    round trip for the several entries of, say, opening a case), each with its own id and time
    as if written at once, so the timeline reads the same. Inside another such block, the outer
    one writes them. Nothing in the block may read the timeline back."""
    if _TOGETHER in uow.session.info:
        yield
        return
    entries: list[dict[str, Any]] = []
    uow.session.info[_TOGETHER] = entries
    try:
        yield
    finally:
        del uow.session.info[_TOGETHER]
    if entries:
        await uow.session.execute(_INSERT_ENTRY, entries)


async def record_on_cases(
    uow: UnitOfWork,
    case_ids: list[uuid.UUID],
    *,
    actor: str,
    kind: str,
    summary: str,
    data: dict[str, Any] | None = None,
) -> int:
    """Record what another service tells us on each case it names, if the case belongs to the
    event's landlord (another landlord's case is never touched); returns how many."""
    if not case_ids:
        return 0
    cases = (
        await uow.session.scalars(
            select(Case)
            .where(Case.id.in_(case_ids), Case.organisation_id == uow.envelope.organisation_id)
            .order_by(Case.id)
            .with_for_update()
        )
    ).all()
    for case in cases:
        await record(uow, case, actor=actor, kind=kind, summary=summary, data=data)
    return len(cases)
