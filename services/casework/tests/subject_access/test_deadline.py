"""A subject access request's due date: one calendar month, month ends, weekends and bank
holidays, extensions (pure)."""

from __future__ import annotations

from datetime import date

import pytest
from casework.subject_access.deadline import due_on, months_after


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 3, 10), date(2026, 4, 10)),  # a Friday
        (date(2026, 3, 3), date(2026, 4, 7)),  # Good Friday, Easter Monday: the Tuesday
        (date(2026, 1, 31), date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday: Monday 2 March
        (date(2027, 1, 29), date(2027, 3, 1)),  # no 29 Feb 2027: 28 Feb, a Sunday
        (date(2028, 1, 31), date(2028, 2, 29)),  # a leap year: Tuesday 29 Feb
        (date(2026, 8, 31), date(2026, 9, 30)),  # 30 days has September
        (date(2026, 12, 15), date(2027, 1, 15)),  # over the year's end
        (date(2026, 11, 25), date(2026, 12, 29)),  # 25 Dec, then Boxing Day (28th): the 29th
        (date(2026, 4, 3), date(2026, 5, 5)),  # Sunday 3 May, Monday 4 May a bank holiday
    ],
)
def test_one_calendar_month_from_receipt(received: date, due: date) -> None:
    assert due_on(received) == due


def test_the_corresponding_date_or_the_last_of_the_month() -> None:
    assert months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_after(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert months_after(date(2026, 5, 15), 1) == date(2026, 6, 15)
    assert months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_an_extension_adds_up_to_two_months_from_the_receipt() -> None:
    assert due_on(date(2026, 1, 31), extension_months=2) == date(2026, 4, 30)
    assert due_on(date(2026, 3, 3), extension_months=1) == date(2026, 5, 5)  # bank holiday 4th
    with pytest.raises(ValueError):
        due_on(date(2026, 3, 3), extension_months=3)
