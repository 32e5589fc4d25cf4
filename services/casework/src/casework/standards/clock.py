"""The standards clock: warns before standards fall due and records their breaches.

One clock runs in each worker, any number of workers. Each pass claims due timers with
``FOR UPDATE SKIP LOCKED``, together with their case rows, and in the same transaction marks
them warned or breached, adds a timeline entry and puts the event in the outbox. All state lives
in the database, so a restarted worker carries on where it stopped, and two workers never fire
one timer twice.

Lock order: an officer's action locks the case and then its timers. The clock takes the timers
and their cases in one ``SKIP LOCKED`` statement, so it never waits for a lock and cannot
deadlock with an action: it skips a case being worked on and picks the timer up on a later pass
(by which time the action may have met it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from asb_shared.contracts.casework import StandardBreached, StandardWarning
from asb_shared.loops import every
from asb_shared.service import WorkerContext
from asb_shared.usecase import UnitOfWork
from prometheus_client import Counter
from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute

from ..cases.models import Case
from ..settings import CaseworkSettings
from ..timeline.recording import SYSTEM, record
from .models import Standard
from .policy import StandardStatus

RUNNING = StandardStatus.RUNNING.value

TIMERS_FIRED = Counter(
    "asb_standard_timers_total",
    "Service-standard timers the clock fired: warned (falling due soon) or breached (past due)",
    ["event"],
)


@dataclass(frozen=True)
class Tick:
    """One pass of the clock: at most ``batch`` timers warned, and ``batch`` breached."""

    batch: int


@dataclass(frozen=True)
class Ticked:
    warned: int
    breached: int


def _claim(
    *conditions: ColumnElement[bool], order_by: InstrumentedAttribute[datetime], batch: int
) -> Select[Standard, Case]:
    """Running timers matching ``conditions`` and their cases, locked, skipping locked rows."""
    return (
        select(Standard, Case)
        .join(Case, Case.id == Standard.case_id)
        .where(Standard.status == RUNNING, *conditions)
        .order_by(order_by)
        .limit(batch)
        .with_for_update(skip_locked=True, of=[Standard, Case])
    )


async def _announce(
    uow: UnitOfWork,
    rows: Sequence[Row[Standard, Case]],
    kind: str,
    summary: Callable[[Standard], str],
    event: type[StandardWarning | StandardBreached],
) -> int:
    """Put each claimed timer's warning or breach on its case's timeline and in the outbox."""
    for standard, case in rows:
        await record(
            uow,
            case,
            actor=SYSTEM,
            kind=kind,
            summary=summary(standard),
            data={
                "standard_id": str(standard.id),
                "kind": standard.kind,
                "due_at": standard.due_at.isoformat(),
            },
        )
        await uow.emit(
            event(
                standard_id=standard.id,
                case_id=case.id,
                case_reference=case.reference,
                kind=standard.kind,
                due_at=standard.due_at,
                officer_id=case.officer_id,
            ),
            organisation_id=case.organisation_id,
        )
    return len(rows)


async def _warn(uow: UnitOfWork, now: datetime, batch: int) -> int:
    rows = (
        await uow.session.execute(
            _claim(
                Standard.warned_at.is_(None),
                Standard.warn_at <= func.now(),
                # Past due: the breach says it all, a warning now would be noise.
                Standard.due_at > func.now(),
                order_by=Standard.warn_at,
                batch=batch,
            )
        )
    ).all()
    for standard, _ in rows:
        standard.warned_at = now
    return await _announce(
        uow,
        rows,
        "standard_warning",
        lambda s: f"{s.kind} standard due {s.due_at.isoformat()}",
        StandardWarning,
    )


async def _breach(uow: UnitOfWork, now: datetime, batch: int) -> int:
    rows = (
        await uow.session.execute(
            _claim(Standard.due_at <= func.now(), order_by=Standard.due_at, batch=batch)
        )
    ).all()
    for standard, _ in rows:
        standard.status = StandardStatus.BREACHED.value
        standard.breached_at = now
    return await _announce(
        uow,
        rows,
        "standard_breached",
        lambda s: f"{s.kind} standard breached (was due {s.due_at.isoformat()})",
        StandardBreached,
    )


async def tick(uow: UnitOfWork, command: Tick) -> Ticked:
    """One pass of the clock: warn the timers due a warning, breach those past due.

    Timers and their cases locked by another worker or an action are skipped, not waited for.
    "Now" is the database's clock, the one the timers are compared with.
    """
    now = (await uow.session.execute(select(func.now()))).scalar_one()
    warned = await _warn(uow, now, command.batch)
    breached = await _breach(uow, now, command.batch)
    return Ticked(warned, breached)


async def standards_clock(ctx: WorkerContext[CaseworkSettings]) -> None:
    """Worker task: warn before and record breaches when standards fall due."""
    settings = ctx.settings
    work = ctx.transactions()
    command = Tick(settings.standards_batch_size)

    async def one_pass() -> int:
        async with work() as uow:
            ticked = await tick(uow, command)
        # Counted once committed.
        TIMERS_FIRED.labels("warned").inc(ticked.warned)
        TIMERS_FIRED.labels("breached").inc(ticked.breached)
        # A full batch of either means more are due: the loop carries on at once.
        return max(ticked.warned, ticked.breached)

    await every(
        settings.standards_clock_seconds,
        one_pass,
        ctx.stop,
        name="standards clock",
        batch_size=settings.standards_batch_size,
    )
