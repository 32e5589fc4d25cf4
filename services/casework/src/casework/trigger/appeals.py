"""When an applicant may appeal a case review's decision or outcome, as pure rules.

Each landlord's Community Trigger procedure names an appeal: an applicant unhappy with the
decision (the threshold refused) or with the outcome of the review may appeal within the
policy's working days of being told (``community_trigger.appeal_within_working_days``), and the
appeal is decided within ``appeal_working_days`` (a timer of the standards clock). One appeal
per application. No I/O happens here.
"""

from __future__ import annotations

from datetime import datetime

from asb_shared.calendar import WorkingCalendar

APPEALABLE = frozenset({"refused", "closed"})
"""The statuses an appeal can follow: a refusal, or the review's outcome."""


def appeal_by(told_at: datetime, working_days: int, calendar: WorkingCalendar) -> datetime:
    """The last moment to appeal: closing time on the ``working_days``-th working day after
    the applicant was told."""
    return calendar.due_at(told_at, working_days)


def appeal_refusal(
    status: str, appealed_at: datetime, told_at: datetime | None, deadline: datetime | None
) -> str | None:
    """Why an appeal cannot be recorded now, or None."""
    if status not in APPEALABLE:
        return "an appeal follows the decision to refuse a review, or the review's outcome"
    if told_at is not None and appealed_at < told_at:
        return "an appeal cannot come before the applicant was told what it appeals"
    if deadline is not None and appealed_at > deadline:
        return f"the time to appeal ended on {deadline.isoformat()}"
    return None
