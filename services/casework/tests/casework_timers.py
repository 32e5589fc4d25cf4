"""Helpers for the standards tests: cases and timers written straight to the database, and the
clock run until nothing more is due."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from asb_shared.db import Database
from asb_shared.messaging import Outbox
from asb_shared.usecase import Transactions
from casework.cases.models import Case
from casework.standards.clock import Tick
from casework.standards.clock import tick as clock_tick
from casework.standards.models import Standard
from casework.standards.policy import StandardKind
from casework.timeline.models import TimelineEntry
from sqlalchemy import select, text

OUTBOX = Outbox("casework")


ALL_KINDS = {k.value for k in StandardKind}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


async def new_case(db: Database, **values: Any) -> Case:
    fields: dict[str, Any] = {
        "organisation_id": uuid.uuid4(),
        "status": "open",
        "categories": ["noise"],
        "summary": "Loud music every night from the flat above mine.",
        "anonymous": False,
        "officer_id": "officer-1",
    }
    fields.update(values)
    async with db.transaction() as session:
        case = Case(**fields)
        session.add(case)
        await session.flush()
        await session.refresh(case)
    return case


async def hook(db: Database, case_id: uuid.UUID, action: Any, *args: Any) -> None:
    """Run a timers hook as an action would: the case locked, in one transaction."""
    async with db.transaction() as session:
        case = await session.scalar(select(Case).where(Case.id == case_id).with_for_update())
        assert case is not None
        await action(session, case, *args)


async def standards_of(db: Database, case_id: uuid.UUID) -> list[Standard]:
    async with db.sessions() as session:
        return list(
            await session.scalars(
                select(Standard).where(Standard.case_id == case_id).order_by(Standard.started_at)
            )
        )


async def by_status(db: Database, case_id: uuid.UUID, status: str) -> set[str]:
    return {s.kind for s in await standards_of(db, case_id) if s.status == status}


async def running(db: Database, case_id: uuid.UUID, kind: StandardKind) -> Standard:
    [standard] = [
        s for s in await standards_of(db, case_id) if s.kind == kind and s.status == "running"
    ]
    return standard


async def events(db: Database, event_type: str, case_id: uuid.UUID) -> list[dict[str, Any]]:
    async with db.sessions() as session:
        rows = await session.execute(
            text(
                "SELECT payload::jsonb->'data' FROM outbox WHERE routing_key = :type "
                "AND payload::jsonb->'data'->>'case_id' = :case_id"
            ),
            {"type": event_type, "case_id": str(case_id)},
        )
        return [row[0] for row in rows]


async def timeline(db: Database, case_id: uuid.UUID, kind: str) -> list[TimelineEntry]:
    async with db.sessions() as session:
        return list(
            await session.scalars(
                select(TimelineEntry).where(
                    TimelineEntry.case_id == case_id, TimelineEntry.kind == kind
                )
            )
        )


async def version_of(db: Database, case_id: uuid.UUID) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(Case.version).where(Case.id == case_id)) or 0)


async def add_standard(
    db: Database, case: Case, kind: StandardKind, *, warn_at: datetime, due_at: datetime
) -> uuid.UUID:
    async with db.transaction() as session:
        standard = Standard(
            case_id=case.id,
            organisation_id=case.organisation_id,
            kind=kind.value,
            status="running",
            started_at=min(warn_at, due_at) - timedelta(days=1),
            warn_at=warn_at,
            due_at=due_at,
        )
        session.add(standard)
        await session.flush()
        return standard.id


async def tick(db: Database, batch: int) -> tuple[int, int]:
    """One pass of the clock in a transaction of its own: (timers warned, timers breached)."""
    async with Transactions(db, OUTBOX)() as uow:
        ticked = await clock_tick(uow, Tick(batch))
    return ticked.warned, ticked.breached


async def settle(db: Database) -> tuple[int, int]:
    """Run the clock until nothing more is due (other tests' timers share the database)."""
    warned = breached = 0
    while True:
        w, b = await tick(db, batch=100)
        warned, breached = warned + w, breached + b
        if w < 100 and b < 100:
            return warned, breached


def long_ago() -> datetime:
    """Far enough back that every standard started then is past due (even over Christmas)."""
    return datetime.now(UTC) - timedelta(days=60)
