"""The service standards a case runs under, as pure rules: which ones, and when they fall due.

No I/O happens here; :mod:`casework.standards.timers` keeps the timers in the database and
:mod:`casework.standards.clock` warns and records breaches. Everything is counted in working
days on the landlord's calendar (:mod:`asb_shared.calendar`, England & Wales by default): a
standard of N working days is due at closing time on the N-th working day after the day it
started, whatever the hour (a report on a Saturday or at 22:00 gains no extra day).

The standards (from the landlord's published ASB policy)

    | kind              | due                                                   | runs from          |
    |-------------------|-------------------------------------------------------|--------------------|
    | first_contact     | 1 working day                                         | the report         |
    | action_plan       | a configured number of working days (default 10)      | the report         |
    | contact_frequency | the agreed frequency (default 10 working days), and   | the last contact   |
    |                   | at most 5 working days for a HIGH-risk complainant    | with the complainant|
    | case_update       | 10 working days                                       | the last update    |
    | manager_review    | 20 working days (monthly)                             | the last review    |

Each standard warns one working day before it is due (same time of day).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from asb_shared.calendar import DEFAULT_CALENDAR, WorkingCalendar

__all__ = [
    "CASE_UPDATE_WORKING_DAYS",
    "DEFAULT_ACTION_PLAN_WORKING_DAYS",
    "DEFAULT_CONTACT_FREQUENCY_DAYS",
    "FIRST_CONTACT_WORKING_DAYS",
    "HIGH_RISK",
    "HIGH_RISK_CONTACT_WORKING_DAYS",
    "MANAGER_REVIEW_WORKING_DAYS",
    "WARNING_WORKING_DAYS_BEFORE",
    "Deadline",
    "StandardKind",
    "StandardStatus",
    "contact_frequency_days",
    "deadline",
    "deadline_after",
    "working_days_for",
]


class StandardKind(StrEnum):
    """The service standards a case is measured against; the values are stored."""

    FIRST_CONTACT = "first_contact"
    ACTION_PLAN = "action_plan"
    CONTACT_FREQUENCY = "contact_frequency"
    CASE_UPDATE = "case_update"
    MANAGER_REVIEW = "manager_review"


class StandardStatus(StrEnum):
    """Where a standard's timer is; only ``running`` timers can warn, breach or be met."""

    RUNNING = "running"
    MET = "met"
    BREACHED = "breached"
    CANCELLED = "cancelled"


FIRST_CONTACT_WORKING_DAYS = 1
"""First contact with the complainant within 1 working day of the report."""
DEFAULT_ACTION_PLAN_WORKING_DAYS = 10
"""An action plan agreed with the complainant within this many working days, unless configured."""
DEFAULT_CONTACT_FREQUENCY_DAYS = 10
"""Contact with the complainant at least this often when no frequency has been agreed."""
HIGH_RISK_CONTACT_WORKING_DAYS = 5
"""A HIGH-risk complainant is contacted at least weekly, whatever was agreed."""
CASE_UPDATE_WORKING_DAYS = 10
"""An open case is updated at least every 10 working days."""
MANAGER_REVIEW_WORKING_DAYS = 20
"""A team leader reviews each open case monthly (taken as 20 working days)."""
WARNING_WORKING_DAYS_BEFORE = 1
"""Every standard warns this many working days before it is due."""

HIGH_RISK = "high"
"""The risk level (``Case.risk_level``) that tightens contact to weekly."""


class Deadline(NamedTuple):
    """When a standard warns and when it is due (both timezone-aware UTC)."""

    warn_at: datetime
    due_at: datetime


def contact_frequency_days(agreed: int | None, risk_level: str) -> int:
    """Working days between contacts with the complainant.

    The agreed frequency, or :data:`DEFAULT_CONTACT_FREQUENCY_DAYS` if none was agreed; for a
    HIGH-risk complainant never more than :data:`HIGH_RISK_CONTACT_WORKING_DAYS` (weekly).
    """
    if agreed is not None and agreed < 1:
        raise ValueError(f"an agreed contact frequency is at least 1 working day, got {agreed}")
    days = DEFAULT_CONTACT_FREQUENCY_DAYS if agreed is None else agreed
    if str(risk_level) == HIGH_RISK:
        days = min(days, HIGH_RISK_CONTACT_WORKING_DAYS)
    return days


def working_days_for(
    kind: StandardKind | str,
    *,
    risk_level: str = "standard",
    contact_frequency: int | None = None,
    action_plan_days: int = DEFAULT_ACTION_PLAN_WORKING_DAYS,
) -> int:
    """How many working days a standard of ``kind`` allows, given the case's facts.

    ``contact_frequency`` is the agreed frequency (``Case.contact_frequency_days``), ``None`` if
    none was agreed; ``action_plan_days`` is the landlord's configured action plan standard.
    """
    kind = StandardKind(kind)
    if kind is StandardKind.FIRST_CONTACT:
        return FIRST_CONTACT_WORKING_DAYS
    if kind is StandardKind.ACTION_PLAN:
        if action_plan_days < 1:
            raise ValueError(f"action_plan_days must be >= 1, got {action_plan_days}")
        return action_plan_days
    if kind is StandardKind.CONTACT_FREQUENCY:
        return contact_frequency_days(contact_frequency, risk_level)
    if kind is StandardKind.CASE_UPDATE:
        return CASE_UPDATE_WORKING_DAYS
    return MANAGER_REVIEW_WORKING_DAYS


def deadline_after(
    start: datetime, working_days: int, *, calendar: WorkingCalendar = DEFAULT_CALENDAR
) -> Deadline:
    """The (warn_at, due_at) of a standard of ``working_days`` running from ``start``.

    Due at closing time on the ``working_days``-th working day after the day of ``start``,
    whatever the hour; the warning comes :data:`WARNING_WORKING_DAYS_BEFORE` working day
    earlier, at the same time of day, but never before the office is open to act on it.
    """
    if working_days < 1:
        raise ValueError(f"a standard runs for at least 1 working day, got {working_days}")
    due = calendar.due_at(start, working_days)
    # Never warn before the clock has started: a report made after hours for a one-day
    # standard is warned about when the office opens, not the moment it arrives.
    warn = max(calendar.warning_at(due, WARNING_WORKING_DAYS_BEFORE), calendar.clock_start(start))
    return Deadline(warn, due)


def deadline(
    kind: StandardKind | str,
    start: datetime,
    *,
    risk_level: str = "standard",
    contact_frequency: int | None = None,
    action_plan_days: int = DEFAULT_ACTION_PLAN_WORKING_DAYS,
    calendar: WorkingCalendar = DEFAULT_CALENDAR,
) -> Deadline:
    """The (warn_at, due_at) of a standard of ``kind`` started at ``start`` on a case.

    ``start`` is the report's received time for first contact and the action plan, the last
    contact with the complainant for the contact frequency, the last update or review for the
    others.
    """
    days = working_days_for(
        kind,
        risk_level=risk_level,
        contact_frequency=contact_frequency,
        action_plan_days=action_plan_days,
    )
    return deadline_after(start, days, calendar=calendar)
