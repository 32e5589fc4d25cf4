"""Service-standard timers: started, met and cancelled by case actions; warned and breached by a clock.

The ``on_*`` hooks run inside the caller's transaction (they flush, never commit), next to the
change that triggered them, so a timer can never disagree with the case. Each (case, kind) has
at most one ``running`` timer: to *restart* one, the running timer is closed (met, or cancelled
when a policy change rather than an action replaces it) and a new one is started.

The standards clock (:func:`standards_clock`, one per worker, any number of workers) claims due
timers with ``FOR UPDATE SKIP LOCKED``, together with their case rows, and in the same
transaction marks them warned or breached, adds a timeline entry and puts the event in the
outbox. All state lives in the database, so a restarted worker carries on where it stopped, and
two workers never fire one timer twice.

Lock order: an officer's action locks the case (``case_for_update``) and then its timers. The
clock takes the timers and their cases in one ``SKIP LOCKED`` statement, so it never waits for
a lock and cannot deadlock with an action: it skips a case being worked on and picks the timer
up on a later tick (by which time the action may have met it).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterable
from datetime import datetime

from asb_shared.contracts import StandardBreached, StandardWarning
from asb_shared.db import Database, uuid7
from asb_shared.messaging import Outbox
from asb_shared.service import WorkerContext
from sqlalchemy import ColumnElement, Select, exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from .access import SYSTEM, announce, record
from .lifecycle import CLOSED_STATES
from .models import Case, Contact, Standard
from .standards import (
    DEFAULT_ACTION_PLAN_WORKING_DAYS,
    HIGH_RISK,
    Deadline,
    StandardKind,
    StandardStatus,
    contact_frequency_days,
    deadline,
    deadline_after,
)

log = logging.getLogger(__name__)

__all__ = [
    "ACTION_PLAN_WORKING_DAYS",
    "BATCH_SIZE",
    "CLOCK_SECONDS",
    "COMPLAINANT",
    "on_action_plan_agreed",
    "on_case_opened",
    "on_case_updated",
    "on_closed",
    "on_contact_recorded",
    "on_manager_review",
    "on_reopened",
    "on_risk_changed",
    "standards_clock",
    "tick",
]

CLOCK_SECONDS = 1.0
"""How often the clock looks for due timers (``standards_clock_seconds`` in settings wins)."""
BATCH_SIZE = 100
"""Timers warned, and timers breached, per transaction (``standards_batch_size`` wins)."""
ACTION_PLAN_WORKING_DAYS = DEFAULT_ACTION_PLAN_WORKING_DAYS
"""The landlord's action plan standard, in working days from the report."""
COMPLAINANT = "complainant"
"""``Contact.with_whom`` for the person who reported the ASB."""
PRODUCER = "casework"

RUNNING = StandardStatus.RUNNING.value


# -- helpers ------------------------------------------------------------------------------------


def _is_closed(case: Case) -> bool:
    return case.status in CLOSED_STATES


def _contactable(case: Case) -> bool:
    """Whether there is a complainant to contact: not an anonymous report with no details."""
    return not (
        case.anonymous
        and not case.complainant_email
        and not case.complainant_phone
        and not case.complainant_name
    )


async def _case_id(session: AsyncSession, case: Case) -> uuid.UUID:
    if case.id is None:  # a Case added to the session but not yet inserted
        await session.flush()
    return case.id


async def _running(
    session: AsyncSession, case_id: uuid.UUID, kind: StandardKind
) -> Standard | None:
    return await session.scalar(
        select(Standard)
        .where(Standard.case_id == case_id, Standard.kind == kind.value, Standard.status == RUNNING)
        .with_for_update()
    )


async def _close(
    session: AsyncSession,
    case_id: uuid.UUID,
    kinds: Iterable[StandardKind],
    status: StandardStatus,
    at: datetime,
) -> int:
    """Close the case's running timers of ``kinds``: met (at ``at``) or cancelled."""
    values: dict[str, object] = {"status": status.value}
    if status is StandardStatus.MET:
        values["met_at"] = at
    standards = Standard.__table__
    # A Core update: the ORM's session synchronisation cost more than the statement itself.
    result = await session.execute(
        update(standards)
        .where(
            standards.c.case_id == case_id,
            standards.c.kind.in_([k.value for k in kinds]),
            standards.c.status == RUNNING,
        )
        .values(**values)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def _start(
    session: AsyncSession, case: Case, kind: StandardKind, start: datetime, when: Deadline
) -> Standard:
    """Start a timer of ``kind``; any timer of that kind still running is cancelled first."""
    case_id = await _case_id(session, case)
    await _close(session, case_id, [kind], StandardStatus.CANCELLED, start)
    standard = Standard(
        case_id=case_id,
        organisation_id=case.organisation_id,
        kind=kind.value,
        status=RUNNING,
        started_at=start,
        warn_at=when.warn_at,
        due_at=when.due_at,
    )
    session.add(standard)
    await session.flush()
    return standard


def _contact_deadline(start: datetime, *, agreed: int | None, risk: str) -> Deadline:
    return deadline_after(start, contact_frequency_days(agreed, risk))


async def _restart(
    session: AsyncSession, case: Case, kind: StandardKind, at: datetime, when: Deadline
) -> Standard:
    """Meet the running timer of ``kind`` (if any) at ``at`` and start the next one."""
    await _close(session, await _case_id(session, case), [kind], StandardStatus.MET, at)
    return await _start(session, case, kind, at, when)


# -- hooks: called by the actions, in their transaction ------------------------------------------


async def on_case_opened(session: AsyncSession, case: Case, received_at: datetime) -> None:
    """Start the standards that run from the report: first contact, updates, manager review.

    All four run from the report's received time (out-of-hours reports from the next opening):
    first contact (unless the report is anonymous and left no way to contact anyone), the action
    plan, the case update and the manager review. Contact frequency starts at the first contact.
    """
    kinds = [StandardKind.ACTION_PLAN, StandardKind.CASE_UPDATE, StandardKind.MANAGER_REVIEW]
    if _contactable(case):
        kinds.insert(0, StandardKind.FIRST_CONTACT)
    case_id = await _case_id(session, case)
    rows = []
    for kind in kinds:
        when = deadline(kind, received_at, action_plan_days=ACTION_PLAN_WORKING_DAYS)
        rows.append(
            {
                "id": uuid7(),
                "case_id": case_id,
                "organisation_id": case.organisation_id,
                "kind": kind.value,
                "status": RUNNING,
                "started_at": received_at,
                "warn_at": when.warn_at,
                "due_at": when.due_at,
            }
        )
    # A new case has no timers to close: one insert for all of them.
    await session.execute(insert(Standard.__table__), rows)


async def on_contact_recorded(
    session: AsyncSession, case: Case, with_whom: str, at: datetime
) -> None:
    """A contact meets first contact (if with the complainant) and restarts the frequency clock.

    Contact with the complainant meets first contact and (re)starts the contact frequency from
    ``at`` (agreed frequency, default 10, at most 5 working days at HIGH risk). Any contact, with
    anyone, also counts as an update of the case.
    """
    case_id = await _case_id(session, case)
    closed = _is_closed(case)
    if with_whom == COMPLAINANT:
        await _close(session, case_id, [StandardKind.FIRST_CONTACT], StandardStatus.MET, at)
        await _close(session, case_id, [StandardKind.CONTACT_FREQUENCY], StandardStatus.MET, at)
        if not closed:
            when = _contact_deadline(at, agreed=case.contact_frequency_days, risk=case.risk_level)
            await _start(session, case, StandardKind.CONTACT_FREQUENCY, at, when)
    if closed:
        await _close(session, case_id, [StandardKind.CASE_UPDATE], StandardStatus.MET, at)
    else:
        await _restart(
            session, case, StandardKind.CASE_UPDATE, at, deadline(StandardKind.CASE_UPDATE, at)
        )


async def on_action_plan_agreed(
    session: AsyncSession, case: Case, frequency_days: int, at: datetime
) -> None:
    """Meets the action plan standard; the agreed frequency drives the contact clock.

    The plan is agreed with the complainant, so it is a contact with them too: it meets first
    contact if that is still running, and the contact frequency restarts from ``at`` at
    ``frequency_days`` (at most 5 working days at HIGH risk).
    """
    case_id = await _case_id(session, case)
    await _close(
        session,
        case_id,
        [StandardKind.ACTION_PLAN, StandardKind.FIRST_CONTACT],
        StandardStatus.MET,
        at,
    )
    when = _contact_deadline(at, agreed=frequency_days, risk=case.risk_level)
    if _is_closed(case):
        await _close(session, case_id, [StandardKind.CONTACT_FREQUENCY], StandardStatus.MET, at)
    else:
        await _restart(session, case, StandardKind.CONTACT_FREQUENCY, at, when)


async def on_risk_changed(session: AsyncSession, case: Case, level: str, at: datetime) -> None:
    """High risk: contact at least weekly (5 working days), never later than already due.

    When ``level`` is HIGH the running contact-frequency timer is replaced (cancelled, since
    no contact met it) by one of at most 5 working days from ``at``, unless the running one is
    already due sooner. With no contact-frequency timer running, one is started unless first
    contact is still pending (that clock is tighter, and the first contact starts the weekly
    one) or there is no complainant to contact. First contact (1 working day) is already the
    fastest standard, so it is unchanged. A lower level changes nothing now: the next contact
    restarts the frequency at the agreed pace.
    """
    if str(level) != HIGH_RISK or _is_closed(case):
        return
    case_id = await _case_id(session, case)
    when = _contact_deadline(at, agreed=case.contact_frequency_days, risk=HIGH_RISK)
    running = await _running(session, case_id, StandardKind.CONTACT_FREQUENCY)
    if running is not None:
        if running.due_at <= when.due_at:
            return
        running.status = StandardStatus.CANCELLED.value
        await session.flush()
    elif not _contactable(case) or await _running(session, case_id, StandardKind.FIRST_CONTACT):
        return
    await _start(session, case, StandardKind.CONTACT_FREQUENCY, at, when)


async def _meet_and_restart(
    session: AsyncSession, case: Case, kind: StandardKind, at: datetime
) -> None:
    """Meet the running timer of ``kind``; on a case still open, start the next one."""
    if _is_closed(case):
        await _close(session, await _case_id(session, case), [kind], StandardStatus.MET, at)
        return
    await _restart(session, case, kind, at, deadline(kind, at))


async def on_case_updated(session: AsyncSession, case: Case, at: datetime) -> None:
    """Any officer update restarts the 'updated at least every 10 working days' clock."""
    await _meet_and_restart(session, case, StandardKind.CASE_UPDATE, at)


async def on_manager_review(session: AsyncSession, case: Case, at: datetime) -> None:
    """A team leader's review meets the monthly review standard and starts the next."""
    await _meet_and_restart(session, case, StandardKind.MANAGER_REVIEW, at)


async def on_closed(session: AsyncSession, case: Case, at: datetime) -> None:
    """Closing stops every running timer (cancelled: neither met nor breached)."""
    await _close(session, await _case_id(session, case), StandardKind, StandardStatus.CANCELLED, at)


async def on_reopened(session: AsyncSession, case: Case, at: datetime) -> None:
    """Reopening starts the standards again, from ``at``.

    Case update and manager review always restart. If the complainant was ever contacted (a
    contact with them is recorded, or first contact, the contact frequency or the action plan
    was met) the contact frequency restarts; otherwise first contact is started again (unless
    there is nobody to contact). The action plan standard restarts only if no plan was ever
    agreed: a reopened case keeps its plan.
    """
    case_id = await _case_id(session, case)
    met = set(
        (
            await session.scalars(
                select(Standard.kind)
                .where(Standard.case_id == case_id, Standard.status == StandardStatus.MET.value)
                .distinct()
            )
        ).all()
    )
    contacted = bool(
        met
        & {
            StandardKind.FIRST_CONTACT.value,
            StandardKind.CONTACT_FREQUENCY.value,
            StandardKind.ACTION_PLAN.value,
        }
    ) or bool(
        await session.scalar(
            select(exists().where(Contact.case_id == case_id, Contact.with_whom == COMPLAINANT))
        )
    )
    plan_agreed = StandardKind.ACTION_PLAN.value in met

    for kind in (StandardKind.CASE_UPDATE, StandardKind.MANAGER_REVIEW):
        await _start(session, case, kind, at, deadline(kind, at))
    if contacted:
        when = _contact_deadline(at, agreed=case.contact_frequency_days, risk=case.risk_level)
        await _start(session, case, StandardKind.CONTACT_FREQUENCY, at, when)
    elif _contactable(case):
        await _start(
            session, case, StandardKind.FIRST_CONTACT, at, deadline(StandardKind.FIRST_CONTACT, at)
        )
    if not plan_agreed:
        when = deadline(StandardKind.ACTION_PLAN, at, action_plan_days=ACTION_PLAN_WORKING_DAYS)
        await _start(session, case, StandardKind.ACTION_PLAN, at, when)


# -- the clock ----------------------------------------------------------------------------------


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


async def _warn(session: AsyncSession, outbox: Outbox, now: datetime, batch: int) -> int:
    rows = (
        await session.execute(
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
    for standard, case in rows:
        standard.warned_at = now
        await record(
            session,
            case,
            actor=SYSTEM,
            kind="standard_warning",
            summary=f"{standard.kind} standard due {standard.due_at.isoformat()}",
            data={
                "standard_id": str(standard.id),
                "kind": standard.kind,
                "due_at": standard.due_at.isoformat(),
            },
        )
        await announce(
            session,
            outbox,
            case,
            StandardWarning(
                standard_id=standard.id,
                case_id=case.id,
                case_reference=case.reference,
                kind=standard.kind,
                due_at=standard.due_at,
                officer_id=case.officer_id,
            ),
        )
    return len(rows)


async def _breach(session: AsyncSession, outbox: Outbox, now: datetime, batch: int) -> int:
    rows = (
        await session.execute(
            _claim(Standard.due_at <= func.now(), order_by=Standard.due_at, batch=batch)
        )
    ).all()
    for standard, case in rows:
        standard.status = StandardStatus.BREACHED.value
        standard.breached_at = now
        await record(
            session,
            case,
            actor=SYSTEM,
            kind="standard_breached",
            summary=f"{standard.kind} standard breached (was due {standard.due_at.isoformat()})",
            data={
                "standard_id": str(standard.id),
                "kind": standard.kind,
                "due_at": standard.due_at.isoformat(),
            },
        )
        await announce(
            session,
            outbox,
            case,
            StandardBreached(
                standard_id=standard.id,
                case_id=case.id,
                case_reference=case.reference,
                kind=standard.kind,
                due_at=standard.due_at,
                officer_id=case.officer_id,
            ),
        )
    return len(rows)


async def tick(db: Database, outbox: Outbox, batch: int = BATCH_SIZE) -> tuple[int, int]:
    """One pass of the clock, in one transaction: (timers warned, timers breached).

    At most ``batch`` of each. Timers and their cases locked by another worker or an action are
    skipped, not waited for. "Now" is the database's clock.
    """
    async with db.transaction() as session:
        now = (await session.execute(select(func.now()))).scalar_one()
        warned = await _warn(session, outbox, now, batch)
        breached = await _breach(session, outbox, now, batch)
    return warned, breached


async def standards_clock(ctx: WorkerContext) -> None:
    """Worker task: warn before and record breaches when standards fall due."""
    interval = float(getattr(ctx.settings, "standards_clock_seconds", CLOCK_SECONDS))
    batch = int(getattr(ctx.settings, "standards_batch_size", BATCH_SIZE))
    outbox = Outbox(PRODUCER)
    delay = interval
    while not ctx.stop.is_set():
        try:
            warned, breached = await tick(ctx.db, outbox, batch)
            delay = interval
            if warned >= batch or breached >= batch:
                continue  # more are due: carry on at once
        except Exception as exc:
            log.warning("standards clock failed; backing off", extra={"error": repr(exc)})
            delay = min(max(delay, 0.5) * 2, 30.0)
        try:
            await asyncio.wait_for(ctx.stop.wait(), timeout=delay)
        except TimeoutError:
            pass
