"""The storage of service-standard timers: started, met and cancelled by what happens on a case.

The ``on_*`` hooks run inside the caller's transaction (they flush, never commit), next to the
change that triggered them, so a timer can never disagree with the case. Each (case, kind) has
at most one ``running`` timer: to *restart* one, the running timer is closed (met, or cancelled
when a policy change rather than an action replaces it) and a new one is started. When each
standard falls due is :mod:`casework.standards.policy`'s to say; warning and breaching is the
clock's (:mod:`casework.standards.clock`).

Lock order: an officer's action locks the case (``case_for_update``) and then its timers.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from asb_shared.db import uuid7
from sqlalchemy import exists, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..cases.models import Case, Contact
from ..cases.parties import COMPLAINANT, may_contact_complainant
from ..cases.state_machine import CLOSED_STATES
from ..db import table_of
from .models import Standard
from .policy import (
    HIGH_RISK,
    Deadline,
    StandardKind,
    StandardRules,
    StandardStatus,
    contact_frequency_days,
    deadline,
    deadline_after,
)
from .rules import rules_at

__all__ = [
    "on_action_plan_agreed",
    "on_case_opened",
    "on_case_updated",
    "on_closed",
    "on_complainant_added",
    "on_complainant_left",
    "on_contact_recorded",
    "on_manager_review",
    "on_reopened",
    "on_risk_assessed",
    "on_risk_changed",
]

RUNNING = StandardStatus.RUNNING.value


# -- helpers ------------------------------------------------------------------------------------


def _is_closed(case: Case) -> bool:
    return case.status in CLOSED_STATES


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
    *,
    person_id: uuid.UUID | None = None,
) -> None:
    """Close the case's running timers of ``kinds``: met (at ``at``) or cancelled; with
    ``person_id``, only those about that complainant (and those about nobody in particular)."""
    values: dict[str, object] = {"status": status.value}
    if status is StandardStatus.MET:
        values["met_at"] = at
    standards = table_of(Standard)
    # A Core update: the ORM's session synchronisation cost more than the statement itself.
    statement = update(standards).where(
        standards.c.case_id == case_id,
        standards.c.kind.in_([k.value for k in kinds]),
        standards.c.status == RUNNING,
    )
    if person_id is not None:
        statement = statement.where(
            or_(standards.c.person_id == person_id, standards.c.person_id.is_(None))
        )
    await session.execute(statement.values(**values))


async def _start(
    session: AsyncSession, case: Case, kind: StandardKind, start: datetime, when: Deadline
) -> Standard:
    """Start a timer of ``kind``; any timer of that kind still running is cancelled first."""
    case_id = await _case_id(session, case)
    await _close(session, case_id, [kind], StandardStatus.CANCELLED, start)
    return await _begin(session, case, kind, start, when)


async def _begin(
    session: AsyncSession, case: Case, kind: StandardKind, start: datetime, when: Deadline
) -> Standard:
    """A running timer of ``kind``, where none of that kind runs any more."""
    standard = Standard(
        case_id=await _case_id(session, case),
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


async def _rules(session: AsyncSession, case: Case) -> StandardRules:
    """The standards of the policy version the case was opened under."""
    return await rules_at(session, case.organisation_id, case.policy_version or 0)


async def _deadline(
    session: AsyncSession, case: Case, kind: StandardKind, start: datetime
) -> Deadline:
    """When a standard of ``kind`` started at ``start`` on ``case`` falls due, by its policy."""
    return deadline(
        kind,
        start,
        risk_level=case.risk_level,
        contact_frequency=case.contact_frequency_days,
        rules=await _rules(session, case),
        priority_route=case.priority_route,
    )


async def _contact_deadline(
    session: AsyncSession, case: Case, start: datetime, *, agreed: int | None, risk: str
) -> Deadline:
    rules = await _rules(session, case)
    return deadline_after(
        start, contact_frequency_days(agreed, risk, rules), calendar=rules.calendar
    )


async def _restart(
    session: AsyncSession, case: Case, kind: StandardKind, at: datetime, when: Deadline
) -> Standard:
    """Meet the running timer of ``kind`` (if any) at ``at`` and start the next one (nothing
    is left running to cancel: the statement that meets it is enough)."""
    await _close(session, await _case_id(session, case), [kind], StandardStatus.MET, at)
    return await _begin(session, case, kind, at, when)


# -- hooks: called by the actions, in their transaction ------------------------------------------


async def on_case_opened(
    session: AsyncSession,
    case: Case,
    received_at: datetime,
    complainant: uuid.UUID | None = None,
    *,
    assessed: bool = True,
) -> None:
    """Start the standards that run from the report: first contact, updates, manager review.

    With a complainant to contact, the risk re-assessment too (unless the report's own
    answers were assessed already: that assessment started it). All run from the report's received time (out-of-hours reports from the next opening):
    first contact (with ``complainant``, the person id of their contact record; none if the
    report is anonymous: nobody is contacted), the action plan, the case update and the manager
    review. Contact frequency starts at the first contact. ``assessed=False``: no assessment
    was made for the case yet, so no re-assessment is running (none is looked for).
    """
    kinds = [StandardKind.ACTION_PLAN, StandardKind.CASE_UPDATE, StandardKind.MANAGER_REVIEW]
    case_id = await _case_id(session, case)
    if may_contact_complainant(case):
        kinds.insert(0, StandardKind.FIRST_CONTACT)
        # An assessment from the report (made just before) has started the next one already.
        if not assessed or await _running(session, case_id, StandardKind.RISK_REASSESSMENT) is None:
            kinds.append(StandardKind.RISK_REASSESSMENT)
    rows = []
    for kind in kinds:
        when = await _deadline(session, case, kind, received_at)
        rows.append(
            {
                "id": uuid7(),
                "case_id": case_id,
                "organisation_id": case.organisation_id,
                "kind": kind.value,
                "person_id": complainant if kind is StandardKind.FIRST_CONTACT else None,
                "status": RUNNING,
                "started_at": received_at,
                "warn_at": when.warn_at,
                "due_at": when.due_at,
            }
        )
    # A new case has no timers to close: one insert for all of them.
    await session.execute(insert(table_of(Standard)), rows)


async def on_complainant_added(
    session: AsyncSession, case: Case, person_id: uuid.UUID, at: datetime
) -> None:
    """A further complainant joined the case (their report was linked): their own first contact
    runs from their report, beside anyone else's."""
    if _is_closed(case):
        return
    when = await _deadline(session, case, StandardKind.FIRST_CONTACT, at)
    session.add(
        Standard(
            case_id=await _case_id(session, case),
            organisation_id=case.organisation_id,
            kind=StandardKind.FIRST_CONTACT.value,
            person_id=person_id,
            status=RUNNING,
            started_at=at,
            warn_at=when.warn_at,
            due_at=when.due_at,
        )
    )
    await session.flush()


async def on_complainant_left(session: AsyncSession, person_id: uuid.UUID, at: datetime) -> None:
    """A complainant's report was taken out of the case: the timers about them there stop."""
    standards = table_of(Standard)
    await session.execute(
        update(standards)
        .where(standards.c.person_id == person_id, standards.c.status == RUNNING)
        .values(status=StandardStatus.CANCELLED.value)
    )


async def on_contact_recorded(
    session: AsyncSession,
    case: Case,
    with_whom: str,
    at: datetime,
    person_id: uuid.UUID | None = None,
) -> None:
    """A contact meets first contact (if with the complainant) and restarts the frequency clock.

    Contact with a complainant meets their first contact (``person_id``; every complainant's
    when not said) and (re)starts the contact frequency from
    ``at`` (agreed frequency, default 10, at most 5 working days at HIGH risk). Any contact, with
    anyone, also counts as an update of the case.
    """
    case_id = await _case_id(session, case)
    closed = _is_closed(case)
    if with_whom == COMPLAINANT:
        await _close(
            session,
            case_id,
            [StandardKind.FIRST_CONTACT],
            StandardStatus.MET,
            at,
            person_id=person_id,
        )
        await _close(session, case_id, [StandardKind.CONTACT_FREQUENCY], StandardStatus.MET, at)
        if not closed:
            when = await _contact_deadline(
                session, case, at, agreed=case.contact_frequency_days, risk=case.risk_level
            )
            await _start(session, case, StandardKind.CONTACT_FREQUENCY, at, when)
    if closed:
        await _close(session, case_id, [StandardKind.CASE_UPDATE], StandardStatus.MET, at)
    else:
        when = await _deadline(session, case, StandardKind.CASE_UPDATE, at)
        await _restart(session, case, StandardKind.CASE_UPDATE, at, when)


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
    when = await _contact_deadline(session, case, at, agreed=frequency_days, risk=case.risk_level)
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
    when = await _contact_deadline(
        session, case, at, agreed=case.contact_frequency_days, risk=HIGH_RISK
    )
    running = await _running(session, case_id, StandardKind.CONTACT_FREQUENCY)
    if running is not None:
        if running.due_at <= when.due_at:
            return
        running.status = StandardStatus.CANCELLED.value
        await session.flush()
    elif not may_contact_complainant(case) or await _running(
        session, case_id, StandardKind.FIRST_CONTACT
    ):
        return
    await _start(session, case, StandardKind.CONTACT_FREQUENCY, at, when)


async def on_risk_assessed(session: AsyncSession, case: Case, at: datetime) -> None:
    """An assessment of the complainant's risk meets the re-assessment standard; on a case
    still open with a complainant to contact, the next falls due after the interval of the
    level just assessed (weekly at high risk, by default)."""
    case_id = await _case_id(session, case)
    await _close(session, case_id, [StandardKind.RISK_REASSESSMENT], StandardStatus.MET, at)
    if _is_closed(case) or not may_contact_complainant(case):
        return
    when = await _deadline(session, case, StandardKind.RISK_REASSESSMENT, at)
    await _begin(session, case, StandardKind.RISK_REASSESSMENT, at, when)


async def _meet_and_restart(
    session: AsyncSession, case: Case, kind: StandardKind, at: datetime
) -> None:
    """Meet the running timer of ``kind``; on a case still open, start the next one."""
    if _is_closed(case):
        await _close(session, await _case_id(session, case), [kind], StandardStatus.MET, at)
        return
    await _restart(session, case, kind, at, await _deadline(session, case, kind, at))


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
    the report is anonymous), and the risk re-assessment with it. The action plan standard
    restarts only if no plan was ever agreed: a reopened case keeps its plan.
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
        await _start(session, case, kind, at, await _deadline(session, case, kind, at))
    if contacted:
        when = await _contact_deadline(
            session, case, at, agreed=case.contact_frequency_days, risk=case.risk_level
        )
        await _start(session, case, StandardKind.CONTACT_FREQUENCY, at, when)
    elif may_contact_complainant(case):
        when = await _deadline(session, case, StandardKind.FIRST_CONTACT, at)
        await _start(session, case, StandardKind.FIRST_CONTACT, at, when)
    if may_contact_complainant(case):
        when = await _deadline(session, case, StandardKind.RISK_REASSESSMENT, at)
        await _start(session, case, StandardKind.RISK_REASSESSMENT, at, when)
    if not plan_agreed:
        when = await _deadline(session, case, StandardKind.ACTION_PLAN, at)
        await _start(session, case, StandardKind.ACTION_PLAN, at, when)
