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
    | risk_reassessment | by risk level: 20 standard, 10 medium, 5 (weekly) high | the last assessment|

Each standard warns one working day before it is due (same time of day).

Those are the defaults, written once in the landlord's default policy
(:data:`casework.policy.settings.DEFAULT_POLICY`); a landlord's own numbers, calendar and faster
first contact for the priority routes come from its policy settings as :class:`StandardRules`,
and each case runs under the version it was opened with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from asb_shared.calendar import DEFAULT_CALENDAR, WorkingCalendar

from ..policy.settings import DEFAULT_POLICY, PolicySettings, working_calendar

__all__ = [
    "DEFAULT_RULES",
    "HIGH_RISK",
    "WARNING_WORKING_DAYS_BEFORE",
    "Deadline",
    "StandardKind",
    "StandardRules",
    "StandardStatus",
    "contact_frequency_days",
    "deadline",
    "deadline_after",
    "reassessment_days",
    "standard_rules",
    "working_days_for",
]


class StandardKind(StrEnum):
    """The service standards a case is measured against; the values are stored."""

    FIRST_CONTACT = "first_contact"
    ACTION_PLAN = "action_plan"
    CONTACT_FREQUENCY = "contact_frequency"
    CASE_UPDATE = "case_update"
    MANAGER_REVIEW = "manager_review"
    RISK_REASSESSMENT = "risk_reassessment"


class StandardStatus(StrEnum):
    """Where a standard's timer is; only ``running`` timers can warn, breach or be met."""

    RUNNING = "running"
    MET = "met"
    BREACHED = "breached"
    CANCELLED = "cancelled"


WARNING_WORKING_DAYS_BEFORE = 1
"""Every standard warns this many working days before it is due."""

HIGH_RISK = "high"
"""The risk level (``Case.risk_level``) that tightens contact to weekly."""


def reassessment_days(policy: PolicySettings) -> dict[str, int]:
    """Working days from one risk assessment to the next, by risk level, under ``policy``."""
    standards = policy.standards
    return {
        "standard": standards.risk_reassessment,
        "medium": standards.risk_reassessment_medium,
        HIGH_RISK: standards.risk_reassessment_high,
    }


@dataclass(frozen=True)
class StandardRules:
    """One landlord's standards, in working days, and the calendar they are counted on."""

    # The defaults are the landlord's default policy's (casework.policy.settings), the one place
    # the standards' numbers are written.
    first_contact: int = DEFAULT_POLICY.standards.first_contact
    action_plan: int = DEFAULT_POLICY.standards.action_plan
    case_update: int = DEFAULT_POLICY.standards.case_update
    manager_review: int = DEFAULT_POLICY.standards.manager_review
    risk_reassessment: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType(reassessment_days(DEFAULT_POLICY))
    )
    """Working days until the complainant's risk is assessed again, by their risk level."""
    default_contact: int = DEFAULT_POLICY.contact_frequency.default_working_days
    high_risk_contact: int = DEFAULT_POLICY.contact_frequency.high_risk_working_days
    priority_first_contact: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType(dict(DEFAULT_POLICY.priority_first_contact))
    )
    """First contact for a priority route (``hate_incident``, ``domestic_abuse``...), if faster.
    0 working days: by closing time the same working day (the next one if the office is shut)."""
    calendar: WorkingCalendar = DEFAULT_CALENDAR

    def reassessment_for(self, risk_level: str) -> int:
        """Working days from an assessment to the next, at ``risk_level`` (unknown: standard)."""
        return self.risk_reassessment.get(str(risk_level), self.risk_reassessment["standard"])

    def first_contact_for(self, priority_route: str | None) -> int:
        """First contact's working days for a case on ``priority_route`` (the faster one wins)."""
        if priority_route is None:
            return self.first_contact
        return min(self.first_contact, self.priority_first_contact.get(priority_route, 99999))


DEFAULT_RULES = StandardRules()
"""The standards when a landlord has set none of its own."""


class Deadline(NamedTuple):
    """When a standard warns and when it is due (both timezone-aware UTC)."""

    warn_at: datetime
    due_at: datetime


def contact_frequency_days(
    agreed: int | None, risk_level: str, rules: StandardRules = DEFAULT_RULES
) -> int:
    """Working days between contacts with the complainant.

    The agreed frequency, or the landlord's default (``rules.default_contact``) if
    none was agreed; for a HIGH-risk complainant never more than the high-risk frequency
    (:data:`HIGH_RISK_CONTACT_WORKING_DAYS`, weekly).
    """
    if agreed is not None and agreed < 1:
        raise ValueError(f"an agreed contact frequency is at least 1 working day, got {agreed}")
    days = rules.default_contact if agreed is None else agreed
    if str(risk_level) == HIGH_RISK:
        days = min(days, rules.high_risk_contact)
    return days


def working_days_for(
    kind: StandardKind | str,
    *,
    risk_level: str = "standard",
    contact_frequency: int | None = None,
    action_plan_days: int | None = None,
    rules: StandardRules = DEFAULT_RULES,
    priority_route: str | None = None,
) -> int:
    """How many working days a standard of ``kind`` allows, given the case's facts.

    ``contact_frequency`` is the agreed frequency (``Case.contact_frequency_days``), ``None`` if
    none was agreed; ``action_plan_days`` overrides the landlord's action plan standard;
    ``priority_route`` may make first contact faster (0: the same working day).
    """
    kind = StandardKind(kind)
    if kind is StandardKind.FIRST_CONTACT:
        return rules.first_contact_for(priority_route)
    if kind is StandardKind.ACTION_PLAN:
        days = rules.action_plan if action_plan_days is None else action_plan_days
        if days < 1:
            raise ValueError(f"action_plan_days must be >= 1, got {days}")
        return days
    if kind is StandardKind.CONTACT_FREQUENCY:
        return contact_frequency_days(contact_frequency, risk_level, rules)
    if kind is StandardKind.CASE_UPDATE:
        return rules.case_update
    if kind is StandardKind.RISK_REASSESSMENT:
        return rules.reassessment_for(risk_level)
    return rules.manager_review


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
    return _deadline(start, working_days, calendar)


def _deadline(start: datetime, working_days: int, calendar: WorkingCalendar) -> Deadline:
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
    action_plan_days: int | None = None,
    rules: StandardRules = DEFAULT_RULES,
    priority_route: str | None = None,
) -> Deadline:
    """The (warn_at, due_at) of a standard of ``kind`` started at ``start`` on a case.

    ``start`` is the report's received time for first contact and the action plan, the last
    contact with the complainant for the contact frequency, the last update or review for the
    others. ``rules`` are the landlord's (the case's policy version) and bring its calendar.
    """
    days = working_days_for(
        kind,
        risk_level=risk_level,
        contact_frequency=contact_frequency,
        action_plan_days=action_plan_days,
        rules=rules,
        priority_route=priority_route,
    )
    if days == 0 and StandardKind(kind) is StandardKind.FIRST_CONTACT:
        # A priority route's same-day first contact: the only standard allowed 0 days.
        return _deadline(start, 0, rules.calendar)
    return deadline_after(start, days, calendar=rules.calendar)


def standard_rules(policy: PolicySettings) -> StandardRules:
    """The standards' rules (working days and calendar) under ``policy``."""
    return StandardRules(
        first_contact=policy.standards.first_contact,
        action_plan=policy.standards.action_plan,
        case_update=policy.standards.case_update,
        manager_review=policy.standards.manager_review,
        risk_reassessment=MappingProxyType(reassessment_days(policy)),
        default_contact=policy.contact_frequency.default_working_days,
        high_risk_contact=policy.contact_frequency.high_risk_working_days,
        priority_first_contact=MappingProxyType(dict(policy.priority_first_contact)),
        calendar=working_calendar(policy),
    )
