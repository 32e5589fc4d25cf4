"""GeoReport's w3 dates, date-only ones included: a day in the landlord's time zone (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from intake.open311.wire import Open311Error, day_bounds, w3


def test_a_winter_day_is_the_utc_day() -> None:
    assert day_bounds(date(2026, 12, 7)) == (
        datetime(2026, 12, 7, tzinfo=UTC),
        datetime(2026, 12, 7, 23, 59, 59, 999999, tzinfo=UTC),
    )


def test_a_summer_day_starts_an_hour_earlier_in_utc() -> None:
    assert w3("2026-07-01", "start_date") == datetime(2026, 6, 30, 23, tzinfo=UTC)
    assert w3("2026-07-01", "end_date", end_of_day=True) == datetime(
        2026, 7, 1, 22, 59, 59, 999999, tzinfo=UTC
    )


def test_the_day_the_clocks_go_forward_has_23_hours() -> None:
    start, end = day_bounds(date(2026, 3, 29))
    assert (end - start).total_seconds() == pytest.approx(23 * 3600, abs=0.001)


def test_a_date_and_time_is_taken_as_it_is() -> None:
    assert w3("2026-07-01T10:00:00+01:00", "start_date", end_of_day=True) == datetime(
        2026, 7, 1, 9, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "value", ["2026-13-01", "2026-07-32", "2026-7-1", "yesterday", "0001-01-01"]
)
def test_a_bad_or_impossible_date_names_its_parameter(value: str) -> None:
    with pytest.raises(Open311Error) as refused:
        w3(value, "end_date", end_of_day=True)
    assert refused.value.status_code == 400
    assert refused.value.descriptions[0].startswith("end_date")
