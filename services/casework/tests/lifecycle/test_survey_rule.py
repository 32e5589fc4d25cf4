"""The survey follows a closure after the landlord's working days, on its calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from asb_shared.calendar import calendar_for
from casework.lifecycle.survey import survey_due


def test_the_survey_goes_when_the_office_opens_on_the_nth_working_day() -> None:
    england = calendar_for()
    friday = datetime(2026, 12, 18, 15, 0, tzinfo=UTC)
    # Christmas Day and Boxing Day (Monday 28 December in lieu) are skipped.
    assert survey_due(friday, 1, england) == datetime(2026, 12, 21, 9, 0, tzinfo=UTC)
    assert survey_due(friday, 4, england) == datetime(2026, 12, 24, 9, 0, tzinfo=UTC)
    assert survey_due(friday, 5, england) == datetime(2026, 12, 29, 9, 0, tzinfo=UTC)
    assert survey_due(friday, 0, england) == friday
    saturday = datetime(2026, 12, 19, 11, 0, tzinfo=UTC)
    assert survey_due(saturday, 1, england) == datetime(2026, 12, 21, 9, 0, tzinfo=UTC)


def test_scotland_and_a_closure_day_push_it_on() -> None:
    new_year = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)
    england = calendar_for()
    scotland = calendar_for("scotland")
    # 1 January is a holiday everywhere; Scotland's 2 January falls on a Saturday, so Monday
    # 4 January is its holiday in lieu.
    assert survey_due(new_year, 1, england) == datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
    assert survey_due(new_year, 1, scotland) == datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    shut = calendar_for("scotland", closure_days=(date(2027, 1, 5),))
    assert survey_due(new_year, 1, shut) == datetime(2027, 1, 6, 9, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        survey_due(new_year, -1, england)
