"""When a subject access request must be answered, with no I/O (UK GDPR Article 12(3), as the
ICO reads it): one calendar month, not working days.

- The month runs from the day the request is received (that day is day one of the period) to
  the corresponding calendar date of the next month: received 3 March, due 3 April.
- With no corresponding date (the next month is shorter), the last day of that month:
  received 31 January, due 28 February (29 in a leap year); 31 August, due 30 September.
- A due date on a weekend or a bank holiday moves to the next working day (England and Wales).
- A complex request may be extended by up to two further months, counted the same way from the
  original receipt: received 31 January, extended by two, due 30 April.
"""

from __future__ import annotations

import calendar
from datetime import date

from asb_shared.calendar import is_working_day, next_working_day

MAX_EXTENSION_MONTHS = 2


def months_after(day: date, months: int) -> date:
    """The corresponding date ``months`` calendar months after ``day``, or the last day of that
    month when it has no such date."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(received_on: date, *, extension_months: int = 0) -> date:
    """The day by which the request must be answered (inclusive)."""
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ValueError(f"an extension is of 0 to {MAX_EXTENSION_MONTHS} further months")
    corresponding = months_after(received_on, 1 + extension_months)
    return corresponding if is_working_day(corresponding) else next_working_day(corresponding)
