"""When a plan review falls due, without I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime

from engagement.plans.reviews import next_review_on, review_date_problem, review_deadline


def test_a_review_is_due_at_close_of_the_agreed_day_and_warned_a_working_day_before() -> None:
    deadline = review_deadline(date(2027, 3, 1))  # a Monday, in GMT
    assert deadline.due_at == datetime(2027, 3, 1, 17, 0, tzinfo=UTC)
    assert deadline.warn_at == datetime(2027, 2, 26, 17, 0, tzinfo=UTC)  # the Friday before


def test_a_review_agreed_for_a_bank_holiday_falls_due_the_next_working_day() -> None:
    deadline = review_deadline(date(2027, 5, 31))  # spring bank holiday, in BST
    assert deadline.due_at == datetime(2027, 6, 1, 16, 0, tzinfo=UTC)


def test_the_next_review_follows_the_interval_and_a_past_date_is_refused() -> None:
    assert next_review_on(date(2027, 1, 4), 28) == date(2027, 2, 1)
    assert review_date_problem(date(2027, 1, 3), today=date(2027, 1, 4)) is not None
    assert review_date_problem(date(2027, 1, 4), today=date(2027, 1, 4)) is None
