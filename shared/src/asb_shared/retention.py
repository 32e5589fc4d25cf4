"""How long each kind of record is kept, and what happens to it at the end: the retention rule.

A landlord's retention schedule is part of its versioned policy (casework's ``policy``
feature keeps it); this module is its shape, its defaults and the one rule every service asks:
given the schedule, a record's type, the dates it has and whether a legal hold stands, is the
record kept, deleted or pseudonymised, and from which day.

Deleting removes the record. Pseudonymising keeps the row that a count needs (the published
measures, the Community Trigger's past counts) and removes everything that says who the people
were or what they said. Nothing here reads a clock, a database or the bus.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class RecordType(StrEnum):
    """The kinds of record the schedule covers."""

    CLOSED_CASE = "closed_case"
    """A case, its reports, people, contacts, timeline and evidence, once closed."""
    INFORMATION_ONLY_REPORT = "information_only_report"
    """An anonymous report closed "information only": nobody could corroborate it."""
    MESSAGE = "message"
    """A message sent to a person (its body and address)."""
    ENGAGEMENT_RECORD = "engagement_record"
    """A Positive Engagement client's record: assessment, plan, activities."""
    PARTNER_AUDIT = "partner_audit"
    """The partner gateway's audit of what partners read and did."""
    IDEMPOTENCY_KEY = "idempotency_key"
    """A stored answer to a retried request."""
    TRACKING_SECRET = "tracking_secret"
    """The secret with which a reporter follows a report."""


class Trigger(StrEnum):
    """The event from which a record's retention period runs."""

    CLOSED = "closed"
    CREATED = "created"
    SENT = "sent"
    OUTCOME_RECORDED = "outcome_recorded"


class Ending(StrEnum):
    """What happens to a record when its period ends."""

    DELETE = "delete"
    PSEUDONYMISE = "pseudonymise"


class Action(StrEnum):
    """What the rule decides for a record on a day."""

    KEEP = "keep"
    DELETE = "delete"
    PSEUDONYMISE = "pseudonymise"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(_Frozen):
    """A length of time in calendar years, months and days (a year after 29 February ends on
    28 February)."""

    years: Annotated[int, Field(ge=0, le=100)] = 0
    months: Annotated[int, Field(ge=0, le=1200)] = 0
    days: Annotated[int, Field(ge=0, le=36500)] = 0

    def after(self, start: date) -> date:
        """The day this period after ``start`` ends."""
        months = start.month - 1 + self.months + 12 * self.years
        year, month = start.year + months // 12, months % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return date.fromordinal(date(year, month, day).toordinal() + self.days)

    def before(self, end: date) -> date:
        """The latest start whose period has ended by ``end`` (so ``after(before(d)) <= d``)."""
        start = date.fromordinal(end.toordinal() - self.days)
        months = start.month - 1 - self.months - 12 * self.years
        year, month = start.year + months // 12, months % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        candidate = date(year, month, day)
        # Month ends make the arithmetic uneven: step to the edge ``after`` draws.
        while self.after(candidate) > end:
            candidate = date.fromordinal(candidate.toordinal() - 1)
        while self.after(date.fromordinal(candidate.toordinal() + 1)) <= end:
            candidate = date.fromordinal(candidate.toordinal() + 1)
        return candidate


class RetentionRule(_Frozen):
    """How long one kind of record is kept, after which event, and what happens then."""

    kept_for: Period
    after: Trigger
    then: Ending


def _rule(after: Trigger, then: Ending, **period: int) -> RetentionRule:
    return RetentionRule(kept_for=Period(**period), after=after, then=then)


class RetentionSchedule(_Frozen):
    """A landlord's retention schedule; the defaults follow common social-landlord practice
    (case files six years after closure, as for other records of legal action)."""

    closed_case: RetentionRule = _rule(Trigger.CLOSED, Ending.PSEUDONYMISE, years=6)
    information_only_report: RetentionRule = _rule(Trigger.CLOSED, Ending.PSEUDONYMISE, years=1)
    message: RetentionRule = _rule(Trigger.SENT, Ending.DELETE, years=2)
    engagement_record: RetentionRule = _rule(Trigger.OUTCOME_RECORDED, Ending.PSEUDONYMISE, years=6)
    partner_audit: RetentionRule = _rule(Trigger.CREATED, Ending.DELETE, years=6)
    idempotency_key: RetentionRule = _rule(Trigger.CREATED, Ending.DELETE, days=1)
    tracking_secret: RetentionRule = _rule(Trigger.CLOSED, Ending.DELETE, days=90)

    def rule(self, record_type: RecordType) -> RetentionRule:
        found: RetentionRule = getattr(self, record_type.value)
        return found


DEFAULT_SCHEDULE = RetentionSchedule()


@dataclass(frozen=True)
class Decision:
    """What happens to a record on a day, and from which day its period ends (None: its
    period has not started, e.g. a case still open)."""

    action: Action
    due_on: date | None
    held: bool = False
    """True when a legal hold keeps a record whose period has ended."""


def decide(
    schedule: RetentionSchedule,
    record_type: RecordType,
    dates: dict[Trigger, date | None],
    *,
    legal_hold: bool,
    on: date,
) -> Decision:
    """What ``schedule`` asks for a record of ``record_type`` with ``dates`` on the day ``on``.

    A record is kept until its period, counted from the date of the rule's event, has ended; a
    record without that date (a case not closed, an engagement without an outcome) is kept. A
    legal hold keeps everything whatever the dates say.
    """
    rule = schedule.rule(record_type)
    start = dates.get(rule.after)
    if start is None:
        return Decision(Action.KEEP, None)
    due_on = rule.kept_for.after(start)
    if on < due_on:
        return Decision(Action.KEEP, due_on)
    if legal_hold:
        return Decision(Action.KEEP, due_on, held=True)
    return Decision(Action(rule.then.value), due_on)


def latest_start(schedule: RetentionSchedule, record_type: RecordType, on: date) -> date:
    """The latest date of the rule's event for which a record is due on ``on``: a store selects
    the records whose event came on or before it, then asks :func:`decide` of each."""
    return schedule.rule(record_type).kept_for.before(on)
