"""When a support plan is reviewed, with no I/O.

The plan is reviewed with the client at an agreed interval (policy 3.3). The next review is a
timer: due at closing time on the agreed day (the next working day if that is not one), with a
warning one working day before, both on the landlord's working-day calendar (its policy's
region, office hours and closure days); no plan goes longer between reviews than the
landlord's policy allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from asb_shared.calendar import DEFAULT_CALENDAR, WorkingCalendar


@dataclass(frozen=True)
class ReviewDeadline:
    warn_at: datetime
    due_at: datetime


class Stage:
    WARNING = "warning"
    BREACH = "breach"


def review_deadline(
    review_on: date, calendar: WorkingCalendar = DEFAULT_CALENDAR
) -> ReviewDeadline:
    """The warning and due moments of a review agreed for ``review_on``."""
    start_of_day = datetime.combine(review_on, time(0, 0), tzinfo=calendar.tz)
    due = calendar.due_at(start_of_day, 0)
    return ReviewDeadline(warn_at=calendar.warning_at(due, 1), due_at=due)


def next_review_on(held_on: date, every_days: int) -> date:
    """The next review, ``every_days`` calendar days after the one held."""
    return held_on + timedelta(days=every_days)


def review_interval_problem(every_days: int, longest: int) -> str | None:
    """Why an agreed interval cannot be kept, or None."""
    if every_days > longest:
        return f"the landlord's policy reviews a plan at least every {longest} days"
    return None


def review_date_problem(review_on: date, today: date) -> str | None:
    """Why a review date cannot be agreed, or None (it may be today, never in the past)."""
    if review_on < today:
        return "the review date is in the past"
    return None
