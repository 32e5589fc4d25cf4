"""Unit and property tests of the working-day calendar (no I/O)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
import pytest
from asb_shared.calendar import (
    WorkingCalendar,
    add_working_days,
    clock_start,
    due_at,
    is_working_day,
    next_working_day,
    previous_working_day,
    warning_at,
    working_days_between,
)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

LONDON = ZoneInfo("Europe/London")


def london(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    """A London wall-clock moment, as an aware UTC datetime (what the API takes and returns)."""
    return datetime(y, m, d, hh, mm, tzinfo=LONDON).astimezone(UTC)


def utc(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


@cache
def library_bank_holidays(year: int) -> frozenset[date]:
    """The oracle: straight from the ``holidays`` library, independent of the module's source."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(d: date) -> bool:
    return d in library_bank_holidays(d.year)


# -- the holiday source ---------------------------------------------------------------------------


def test_the_library_knows_the_christmas_2026_substitute_day() -> None:
    h = holidays.country_holidays("GB", subdiv="ENG", years=2026)
    assert "Christmas" in h[date(2026, 12, 25)]
    assert "Boxing Day" in h[date(2026, 12, 26)]
    assert "Boxing Day" in h[date(2026, 12, 28)]  # substitute day: the 26th is a Saturday
    assert date(2026, 12, 24) not in h and date(2026, 12, 29) not in h


def test_the_library_knows_easter_2027() -> None:
    h = holidays.country_holidays("GB", subdiv="ENG", years=2027)
    assert h[date(2027, 3, 26)] == "Good Friday"
    assert h[date(2027, 3, 29)] == "Easter Monday"


def test_england_and_wales_share_their_bank_holidays() -> None:
    years = range(2000, 2061)
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    assert set(england) == set(wales)


# -- days -----------------------------------------------------------------------------------------


def test_weekends_and_bank_holidays_are_not_working_days() -> None:
    assert is_working_day(date(2026, 12, 23))  # Wednesday
    assert is_working_day(date(2026, 12, 24))  # Thursday
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day, Friday
    assert not is_working_day(date(2026, 12, 26))  # Saturday
    assert not is_working_day(date(2026, 12, 27))  # Sunday
    assert not is_working_day(date(2026, 12, 28))  # substitute Boxing Day, Monday
    assert is_working_day(date(2026, 12, 29))
    assert not is_working_day(date(2027, 1, 1))  # New Year's Day
    assert not is_working_day(date(2027, 3, 26))  # Good Friday
    assert not is_working_day(date(2027, 3, 29))  # Easter Monday
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday
    assert not is_working_day(date(2022, 9, 19))  # one-off: state funeral, from the library


def test_next_and_previous_working_day_skip_christmas() -> None:
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)
    assert previous_working_day(date(2026, 12, 29)) == date(2026, 12, 24)
    assert next_working_day(date(2026, 12, 23)) == date(2026, 12, 24)
    assert next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)  # over New Year's Day


def test_next_working_day_skips_easter_2027() -> None:
    assert next_working_day(date(2027, 3, 25)) == date(2027, 3, 30)
    assert previous_working_day(date(2027, 3, 30)) == date(2027, 3, 25)


def test_add_working_days() -> None:
    assert add_working_days(date(2026, 12, 23), 0) == date(2026, 12, 23)
    assert add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 29)  # non-working: roll on
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 25), 1) == date(2026, 12, 30)
    with pytest.raises(ValueError, match=">= 0"):
        add_working_days(date(2026, 12, 23), -1)


def test_working_days_between() -> None:
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 4)) == 5  # 24, 29, 30, 31, 4
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 23)) == 0
    assert working_days_between(date(2027, 1, 4), date(2026, 12, 23)) == 0
    # 2 Jan to 31 Dec 2026: 260 weekdays, 7 of them bank holidays (26 Dec is a Saturday).
    assert working_days_between(date(2026, 1, 1), date(2026, 12, 31)) == 260 - 7


# -- deadlines ------------------------------------------------------------------------------------


def test_christmas_report_in_hours_is_due_next_working_day() -> None:
    received = london(2026, 12, 23, 16, 0)
    assert due_at(received, 1) == london(2026, 12, 24, 17, 0) == utc(2026, 12, 24, 17, 0)
    assert due_at(received, 0) == london(2026, 12, 23, 17, 0)


def test_christmas_eve_evening_report_starts_after_the_substitute_bank_holiday() -> None:
    received = london(2026, 12, 24, 18, 0)
    assert clock_start(received) == london(2026, 12, 29, 9, 0)
    assert due_at(received, 0) == london(2026, 12, 29, 17, 0)
    # The first working day after the 24th is the 29th: the evening arrival gains nothing
    # (was the 30th, a day late).
    assert due_at(received, 1) == london(2026, 12, 29, 17, 0)
    assert due_at(received, 2) == london(2026, 12, 30, 17, 0)


def test_new_year() -> None:
    received = london(2026, 12, 31, 12, 0)
    assert due_at(received, 1) == london(2027, 1, 4, 17, 0)
    assert due_at(london(2027, 1, 1, 11, 0), 0) == london(2027, 1, 4, 17, 0)


def test_easter_2027_also_crosses_into_bst() -> None:
    # Good Friday 26 March, clocks go forward Sunday 28 March, Easter Monday 29 March.
    received = london(2027, 3, 25, 10, 0)
    assert received == utc(2027, 3, 25, 10, 0)
    assert due_at(received, 1) == london(2027, 3, 30, 17, 0) == utc(2027, 3, 30, 16, 0)


def test_summer_bank_holiday() -> None:
    received = london(2026, 8, 28, 15, 0)  # Friday before the late summer bank holiday
    assert due_at(received, 1) == london(2026, 9, 1, 17, 0) == utc(2026, 9, 1, 16, 0)


def test_friday_evening_report() -> None:
    received = london(2026, 6, 12, 19, 30)  # Friday, BST
    assert clock_start(received) == london(2026, 6, 15, 9, 0)
    assert due_at(received, 0) == utc(2026, 6, 15, 16, 0)
    # 1 working day after Friday is Monday, whatever the hour (was Tuesday, a day late).
    assert due_at(received, 1) == utc(2026, 6, 15, 16, 0)


def test_weekend_report() -> None:
    # Saturday: the first working day after it is Monday (was Tuesday, a day late).
    assert due_at(london(2026, 6, 13, 11, 0), 1) == london(2026, 6, 15, 17, 0)
    assert due_at(london(2026, 6, 14, 23, 59), 1) == london(2026, 6, 15, 17, 0)  # Sunday night
    assert due_at(london(2026, 6, 13, 11, 0), 2) == london(2026, 6, 16, 17, 0)


def test_the_hour_of_receipt_does_not_matter() -> None:
    wednesday = [
        london(2026, 7, 1, h, m) for h, m in ((0, 0), (7, 30), (9, 0), (16, 59), (17, 0), (23, 59))
    ]
    assert {due_at(r, 1) for r in wednesday} == {london(2026, 7, 2, 17, 0)}
    assert {due_at(r, 3) for r in wednesday} == {london(2026, 7, 6, 17, 0)}  # over the weekend


def test_before_and_after_hours_on_the_same_working_day() -> None:
    assert due_at(london(2026, 7, 1, 7, 0), 0) == london(2026, 7, 1, 17, 0)  # before opening
    assert due_at(london(2026, 7, 1, 18, 0), 0) == london(2026, 7, 2, 17, 0)  # after closing
    assert due_at(london(2026, 7, 1, 7, 0), 1) == due_at(london(2026, 7, 1, 18, 0), 1)


def test_bank_holiday_weekend_report() -> None:
    # Saturday 29 August 2026, Monday 31 August is the summer bank holiday.
    assert due_at(london(2026, 8, 29, 10, 0), 1) == london(2026, 9, 1, 17, 0)
    # Report on the bank holiday itself.
    assert due_at(london(2026, 8, 31, 10, 0), 1) == london(2026, 9, 1, 17, 0)
    assert due_at(london(2026, 8, 31, 10, 0), 0) == london(2026, 9, 1, 17, 0)


def test_gmt_to_bst_changeover() -> None:
    received = london(2026, 3, 27, 10, 0)  # Friday, GMT; clocks go forward Sunday 29 March
    assert received == utc(2026, 3, 27, 10, 0)
    due = due_at(received, 1)
    assert due == utc(2026, 3, 30, 16, 0)
    assert due.astimezone(LONDON).time() == time(17, 0)
    assert warning_at(due) == utc(2026, 3, 27, 17, 0)  # 17:00 GMT on the Friday


def test_bst_to_gmt_changeover() -> None:
    received = london(2026, 10, 23, 10, 0)  # Friday, BST; clocks go back Sunday 25 October
    assert received == utc(2026, 10, 23, 9, 0)
    due = due_at(received, 1)
    assert due == utc(2026, 10, 26, 17, 0)
    assert warning_at(due) == utc(2026, 10, 23, 16, 0)  # 17:00 BST on the Friday


def test_office_hours_are_decided_in_london_time() -> None:
    # 08:30 UTC in July is 09:30 BST: in hours.
    assert due_at(utc(2026, 7, 1, 8, 30), 0) == utc(2026, 7, 1, 16, 0)
    # 16:30 UTC in July is 17:30 BST: out of hours.
    assert due_at(utc(2026, 7, 1, 16, 30), 0) == utc(2026, 7, 2, 16, 0)
    # 16:30 UTC in January is 16:30 GMT: in hours.
    assert due_at(utc(2026, 1, 7, 16, 30), 0) == utc(2026, 1, 7, 17, 0)
    # 23:30 UTC on Wednesday 1 July is 00:30 BST on Thursday 2 July: that morning.
    assert clock_start(utc(2026, 7, 1, 23, 30)) == london(2026, 7, 2, 9, 0)
    assert due_at(utc(2026, 7, 1, 23, 30), 0) == utc(2026, 7, 2, 16, 0)


def test_office_hours_boundaries() -> None:
    assert clock_start(london(2026, 7, 1, 8, 59)) == london(2026, 7, 1, 9, 0)
    assert clock_start(london(2026, 7, 1, 9, 0)) == london(2026, 7, 1, 9, 0)
    assert clock_start(london(2026, 7, 1, 16, 59)) == london(2026, 7, 1, 16, 59)
    assert clock_start(london(2026, 7, 1, 17, 0)) == london(2026, 7, 2, 9, 0)  # closed at 17:00


def test_results_are_utc_aware() -> None:
    due = due_at(datetime(2026, 7, 1, 12, 0, tzinfo=LONDON), 1)
    assert due.tzinfo is UTC
    assert warning_at(due).tzinfo is UTC
    assert clock_start(datetime(2026, 7, 1, 12, 0, tzinfo=LONDON)).tzinfo is UTC


def test_warning_at() -> None:
    due = london(2026, 12, 29, 17, 0)
    assert warning_at(due) == london(2026, 12, 24, 17, 0)
    assert warning_at(due, 2) == london(2026, 12, 23, 17, 0)
    assert warning_at(due, 0) == due
    with pytest.raises(ValueError, match=">= 0"):
        warning_at(due, -1)


def test_naive_datetimes_and_negative_standards_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due_at(datetime(2026, 7, 1, 12, 0), 1)
    with pytest.raises(ValueError, match="timezone-aware"):
        warning_at(datetime(2026, 7, 1, 17, 0))
    with pytest.raises(ValueError, match=">= 0"):
        due_at(utc(2026, 7, 1, 12, 0), -1)


# -- a configured calendar ------------------------------------------------------------------------


def test_a_calendar_with_its_own_holidays_and_hours() -> None:
    calls: list[int] = []

    def source(year: int) -> list[date]:
        calls.append(year)
        return [date(year, 7, 1)]

    cal = WorkingCalendar(source, opens=time(8, 0), closes=time(18, 0))
    assert not cal.is_working_day(date(2026, 7, 1))
    assert cal.is_working_day(date(2026, 12, 25))  # not a holiday in this calendar
    assert cal.due_at(london(2026, 6, 30, 17, 30), 1) == london(2026, 7, 2, 18, 0)
    assert cal.clock_start(london(2026, 6, 30, 8, 0)) == london(2026, 6, 30, 8, 0)
    assert cal.clock_start(london(2026, 6, 30, 18, 0)) == london(2026, 7, 2, 8, 0)
    cal.is_working_day(date(2026, 1, 5))
    assert calls == [2026]  # looked up once per year


def test_office_must_open_before_it_closes() -> None:
    with pytest.raises(ValueError, match="open before"):
        WorkingCalendar(opens=time(17, 0), closes=time(9, 0))


# -- properties -----------------------------------------------------------------------------------

PROPERTY = settings(max_examples=300, deadline=None)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
working_days = days.filter(is_working_day)
counts = st.integers(min_value=0, max_value=300)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2060, 12, 31), timezones=st.just(UTC)
)
in_hours_moments = st.builds(
    lambda d, t: datetime.combine(d, t, LONDON).astimezone(UTC),
    working_days,
    st.times(min_value=time(9, 0), max_value=time(16, 59, 59, 999999)),
)


def local_day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def is_in_hours(moment: datetime) -> bool:
    local = moment.astimezone(LONDON)
    return is_working_day(local.date()) and time(9, 0) <= local.time() < time(17, 0)


@PROPERTY
@given(days)
def test_is_working_day_is_weekdays_minus_library_bank_holidays(d: date) -> None:
    assert is_working_day(d) == (d.weekday() < 5 and not is_bank_holiday(d))


@PROPERTY
@given(days, counts)
def test_add_working_days_lands_on_a_working_day(d: date, n: int) -> None:
    result = add_working_days(d, n)
    assert result.weekday() < 5
    assert not is_bank_holiday(result)
    assert result >= d
    if n >= 1:
        assert result > d


@PROPERTY
@given(working_days, counts)
def test_add_then_count_round_trips_from_a_working_day(d: date, n: int) -> None:
    assert working_days_between(d, add_working_days(d, n)) == n


@PROPERTY
@given(days, counts, counts)
def test_add_working_days_is_strictly_monotonic_in_n(d: date, n: int, m: int) -> None:
    assume(n != m)
    lo, hi = sorted((n, m))
    assert add_working_days(d, lo) < add_working_days(d, hi)


@PROPERTY
@given(days, st.integers(min_value=0, max_value=800))
def test_working_days_between_counts_day_by_day(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    expected = sum(1 for i in range(1, span + 1) if is_working_day(start + timedelta(days=i)))
    assert working_days_between(start, end) == expected
    assert working_days_between(end, start) == 0


@PROPERTY
@given(days)
def test_next_and_previous_working_day_skip_only_non_working_days(d: date) -> None:
    nxt = next_working_day(d)
    assert nxt > d and is_working_day(nxt)
    assert working_days_between(d, nxt) == 1
    prev = previous_working_day(d)
    assert prev < d and is_working_day(prev)
    assert working_days_between(prev, d) == (1 if is_working_day(d) else 0)


@PROPERTY
@given(moments, st.integers(min_value=0, max_value=30))
def test_due_at_is_1700_london_on_a_working_day_after_receipt(received: datetime, n: int) -> None:
    due = due_at(received, n)
    assert due.tzinfo is UTC
    local = due.astimezone(LONDON)
    assert local.time() == time(17, 0)
    assert is_working_day(local.date())
    assert not is_bank_holiday(local.date())
    assert due > received
    start = clock_start(received)
    assert received <= start < due
    counted = working_days_between(local_day(received), local.date())
    if n >= 1:
        # The n-th working day after the day of receipt, whatever the hour or the day.
        assert counted == n
    else:
        assert counted == (0 if local.date() == local_day(received) else 1)


@PROPERTY
@given(in_hours_moments, st.integers(min_value=0, max_value=30))
def test_in_hours_the_clock_starts_at_once(received: datetime, n: int) -> None:
    assert is_in_hours(received)
    assert clock_start(received) == received
    expected = datetime.combine(add_working_days(local_day(received), n), time(17, 0), LONDON)
    assert due_at(received, n) == expected


@PROPERTY
@given(moments, st.integers(min_value=1, max_value=30))
def test_the_hour_of_receipt_never_changes_the_deadline(received: datetime, n: int) -> None:
    # Was: out of hours counted as received at 09:00 on the next working day, one day late.
    day = local_day(received)
    midnight = datetime.combine(day, time(0, 0), LONDON)
    last_moment = datetime.combine(day, time(23, 59, 59), LONDON)
    assert due_at(received, n) == due_at(midnight, n) == due_at(last_moment, n)
    assert due_at(received, n) == datetime.combine(
        add_working_days(day, n if is_working_day(day) else n - 1), time(17, 0), LONDON
    )


@PROPERTY
@given(moments, moments, st.integers(min_value=0, max_value=30))
def test_due_at_is_monotonic_in_receipt(a: datetime, b: datetime, n: int) -> None:
    early, late = sorted((a, b))
    assert due_at(early, n) <= due_at(late, n)
    assert due_at(early, n) <= due_at(early, n + 1)
    if n >= 1:
        # (0 and 1 coincide for a report made when the office is shut: both are the next close.)
        assert due_at(early, n) < due_at(early, n + 1)


@PROPERTY
@given(moments, st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=30))
def test_warning_at_is_k_working_days_before_at_the_same_london_time(
    received: datetime, n: int, k: int
) -> None:
    due = due_at(received, n)
    warn = warning_at(due, k)
    assert warn.tzinfo is UTC
    warn_local, due_local = warn.astimezone(LONDON), due.astimezone(LONDON)
    assert warn_local.time() == due_local.time() == time(17, 0)
    assert is_working_day(warn_local.date())
    assert working_days_between(warn_local.date(), due_local.date()) == k
    assert warn <= due
    if k < n:
        assert warn > received


# -- regions and office hours of a landlord -------------------------------------------------------


def test_scotland_and_northern_ireland_have_their_own_bank_holidays() -> None:
    from asb_shared.calendar import HolidayRegion, calendar_for

    scotland = calendar_for(HolidayRegion.SCOTLAND)
    ni = calendar_for("northern_ireland")
    england = calendar_for()
    assert not scotland.is_working_day(date(2027, 1, 4))  # 2 January's substitute day
    assert england.is_working_day(date(2027, 1, 4))
    assert not ni.is_working_day(date(2027, 3, 17))  # St Patrick's Day
    assert england.is_working_day(date(2027, 3, 17)) and scotland.is_working_day(date(2027, 3, 17))
    assert not ni.is_working_day(date(2026, 7, 13))  # Battle of the Boyne (12th is a Sunday)
    assert scotland.is_working_day(date(2026, 8, 31))  # England's summer bank holiday
    assert not scotland.is_working_day(date(2026, 8, 3))  # Scotland's is the first Monday
    # A report on St Patrick's Day eve in Belfast is due the 18th, in England the 17th.
    assert ni.due_at(london(2027, 3, 16, 12, 0), 1) == london(2027, 3, 18, 17, 0)
    assert england.due_at(london(2027, 3, 16, 12, 0), 1) == london(2027, 3, 17, 17, 0)
    assert calendar_for() is calendar_for("england_and_wales")  # cached, one per policy


def test_a_landlord_with_other_office_hours() -> None:
    from asb_shared.calendar import calendar_for

    cal = calendar_for("england_and_wales", time(8, 30), time(16, 30))
    assert cal.due_at(london(2026, 7, 1, 16, 45), 1) == london(2026, 7, 2, 16, 30)
    assert cal.due_at(london(2026, 7, 1, 16, 45), 0) == london(2026, 7, 2, 16, 30)  # closed
    assert cal.due_at(london(2026, 7, 1, 16, 15), 0) == london(2026, 7, 1, 16, 30)
    assert cal.clock_start(london(2026, 7, 1, 8, 40)) == london(2026, 7, 1, 8, 40)
    # Across the clocks going forward: 16:30 BST on Monday 30 March 2026 is 15:30 UTC.
    assert cal.due_at(london(2026, 3, 27, 18, 0), 1) == utc(2026, 3, 30, 15, 30)
    # And back: 16:30 GMT on Monday 26 October 2026 is 16:30 UTC.
    assert cal.due_at(london(2026, 10, 24, 11, 0), 1) == utc(2026, 10, 26, 16, 30)


office_hours = st.tuples(
    st.integers(min_value=6, max_value=11), st.integers(min_value=13, max_value=20)
).map(lambda hours: (time(hours[0], 0), time(hours[1], 30)))


@PROPERTY
@given(
    moments,
    st.integers(min_value=0, max_value=30),
    st.sampled_from(["england_and_wales", "scotland", "northern_ireland"]),
    office_hours,
)
def test_any_landlords_deadline_is_closing_time_of_a_working_day_never_before_receipt(
    received: datetime, n: int, region: str, hours: tuple[time, time]
) -> None:
    from asb_shared.calendar import calendar_for

    cal = calendar_for(region, *hours)
    due = cal.due_at(received, n)
    local = due.astimezone(LONDON)
    assert local.time() == hours[1]
    assert cal.is_working_day(local.date())
    assert due > received
    if n >= 1:
        assert cal.working_days_between(local_day(received), local.date()) == n


def test_a_landlords_own_closure_days_are_not_working_days() -> None:
    from asb_shared.calendar import (
        calendar_for,
        england_and_wales_bank_holidays,
        with_closure_days,
    )

    training = date(2026, 12, 9)  # a Wednesday
    cal = calendar_for("england_and_wales", closure_days=(training,))
    assert not cal.is_working_day(training)
    assert cal.is_working_day(date(2026, 12, 8))
    monday = datetime(2026, 12, 7, 10, tzinfo=UTC)
    assert cal.due_at(monday, 2) == calendar_for().due_at(monday, 3)
    assert calendar_for("england_and_wales", closure_days=(training,)) is cal  # cached
    source = with_closure_days(england_and_wales_bank_holidays, [training, date(2027, 1, 4)])
    assert training in source(2026) and date(2027, 1, 4) not in source(2026)
