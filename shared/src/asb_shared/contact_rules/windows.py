"""Safe windows: the days and hours (UK local time) when contacting a person is safe."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from asb_shared.contracts.common import SafeWindow

LONDON = ZoneInfo("Europe/London")
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def in_window(windows: Sequence[SafeWindow], at: datetime) -> bool:
    """True if ``at`` (aware) falls inside one of ``windows`` in UK local time, or there are none."""
    if not windows:
        return True
    local = at.astimezone(LONDON)
    clock = local.time().replace(tzinfo=None)
    return any(local.weekday() in w.days and w.start <= clock < w.end for w in windows)


def next_window_start(windows: Sequence[SafeWindow], after: datetime) -> datetime | None:
    """The earliest moment after ``after`` that is inside a window (UTC), or None if none is.

    Every candidate is checked by converting it back to local time, so a start that does not
    exist (the hour skipped when the clocks go forward) never yields a moment outside a window.
    """
    if not windows:
        return after
    local_after = after.astimezone(LONDON)
    candidates: list[datetime] = []
    for offset in range(0, 9):
        day = (local_after + timedelta(days=offset)).date()
        for window in windows:
            if day.weekday() not in window.days:
                continue
            start = datetime.combine(day, window.start, tzinfo=LONDON).astimezone(UTC)
            if start <= after:
                continue
            # A local start inside the hour skipped when the clocks go forward comes back as a
            # later moment: kept only if that is still inside the window (safe, if a bit late).
            if in_window([window], start):
                candidates.append(start)
    return min(candidates) if candidates else None


def describe(windows: Sequence[SafeWindow]) -> str:
    """The windows in words: "Monday, Tuesday 10:00 to 12:00; Saturday 09:00 to 10:00"."""
    if not windows:
        return "at any time"
    parts = []
    for w in windows:
        days = (
            "every day"
            if sorted(w.days) == list(range(7))
            else "weekdays"
            if sorted(w.days) == list(range(5))
            else ", ".join(_DAYS[d] for d in sorted(w.days))
        )
        parts.append(f"{days} {w.start:%H:%M} to {w.end:%H:%M}")
    return "; ".join(parts)
