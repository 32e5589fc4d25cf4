"""When the satisfaction survey follows a closure, as a pure rule.

The landlord's policy says how many working days after the closure the complainant is asked
(``survey_after_closure_working_days``, on its own calendar: region, closure days): the survey
goes when the office opens on the N-th working day after the day the case closed (a closure on
a Saturday gains no day), or at once when N is 0. Casework works it out from the case's policy
version and carries it on ``casework.case.closed``; notifications schedules the survey then.
No I/O happens here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from asb_shared.calendar import WorkingCalendar


def survey_due(closed_at: datetime, working_days: int, calendar: WorkingCalendar) -> datetime:
    """When the survey of a case closed at ``closed_at`` is sent (UTC)."""
    if working_days < 0:
        raise ValueError(f"working_days must be >= 0, got {working_days}")
    if working_days == 0:
        return closed_at.astimezone(UTC)
    day = closed_at.astimezone(calendar.tz).date()
    for _ in range(working_days):
        day = calendar.next_working_day(day)
    return datetime.combine(day, calendar.opens, tzinfo=calendar.tz).astimezone(UTC)
