"""The service standards as pure rules: which apply, and when each falls due in working days."""

from __future__ import annotations

from datetime import datetime

import pytest
from casework.standards.policy import (
    Deadline,
    StandardKind,
    contact_frequency_days,
    deadline,
    deadline_after,
    working_days_for,
)
from casework_timers import (
    utc,
)


def test_first_contact_is_due_by_closing_time_the_next_working_day() -> None:
    # Friday 27 November 2026, 10:00 (GMT, so London time is UTC): due Monday 17:00.
    assert deadline(StandardKind.FIRST_CONTACT, utc(2026, 11, 27, 10, 0)) == Deadline(
        warn_at=utc(2026, 11, 27, 17, 0), due_at=utc(2026, 11, 30, 17, 0)
    )


def test_a_report_on_friday_evening_counts_from_monday_morning() -> None:
    # Friday 18:30 is out of hours, but 1 working day after Friday is Monday whatever the hour:
    # first contact is due Monday at 17:00 (was Tuesday, a day late), and the warning comes when
    # the office opens on Monday (a warning is never given before anyone could act).
    assert deadline(StandardKind.FIRST_CONTACT, utc(2026, 11, 27, 18, 30)) == Deadline(
        warn_at=utc(2026, 11, 30, 9, 0), due_at=utc(2026, 11, 30, 17, 0)
    )
    # The same in summer time: 17:00 London is 16:00 UTC.
    friday_evening_bst = utc(2026, 6, 5, 17, 0)  # 18:00 London
    assert deadline(StandardKind.FIRST_CONTACT, friday_evening_bst).due_at == utc(2026, 6, 8, 16, 0)


def test_bank_holidays_do_not_count() -> None:
    # Thursday before Easter 2026, evening: Good Friday and Easter Monday are bank holidays, so
    # the first working day after Thursday is Tuesday 7 April: first contact is due then at
    # 17:00 BST (was Wednesday 8 April, a day late), warned at 09:00 BST that morning.
    assert deadline(StandardKind.FIRST_CONTACT, utc(2026, 4, 2, 18, 0)) == Deadline(
        warn_at=utc(2026, 4, 7, 8, 0), due_at=utc(2026, 4, 7, 16, 0)
    )


def test_contact_frequency_is_as_agreed_default_ten_and_at_least_weekly_at_high_risk() -> None:
    assert contact_frequency_days(None, "standard") == 10
    assert contact_frequency_days(15, "medium") == 15
    assert contact_frequency_days(3, "standard") == 3
    assert contact_frequency_days(None, "high") == 5
    assert contact_frequency_days(10, "high") == 5
    assert contact_frequency_days(3, "high") == 3
    with pytest.raises(ValueError):
        contact_frequency_days(0, "standard")


def test_each_standard_allows_its_working_days() -> None:
    assert working_days_for(StandardKind.FIRST_CONTACT) == 1
    assert working_days_for(StandardKind.ACTION_PLAN) == 10
    assert working_days_for(StandardKind.ACTION_PLAN, action_plan_days=15) == 15
    assert working_days_for(StandardKind.CONTACT_FREQUENCY) == 10
    assert working_days_for(StandardKind.CONTACT_FREQUENCY, risk_level="high") == 5
    assert working_days_for("contact_frequency", contact_frequency=7) == 7
    assert working_days_for(StandardKind.CASE_UPDATE) == 10
    assert working_days_for(StandardKind.MANAGER_REVIEW) == 20
    with pytest.raises(ValueError):
        working_days_for("not_a_standard")


def test_high_risk_contact_is_weekly_in_working_days() -> None:
    # A contact on Monday 23 November 2026 at 11:00: the next is due the following Monday 17:00
    # (5 working days) and warned on Friday 17:00.
    monday = utc(2026, 11, 23, 11, 0)
    assert deadline(StandardKind.CONTACT_FREQUENCY, monday, risk_level="high") == Deadline(
        warn_at=utc(2026, 11, 27, 17, 0), due_at=utc(2026, 11, 30, 17, 0)
    )
    assert deadline(StandardKind.CONTACT_FREQUENCY, monday).due_at == utc(2026, 12, 7, 17, 0)
    assert deadline(StandardKind.MANAGER_REVIEW, monday).due_at == utc(2026, 12, 21, 17, 0)
    # Christmas Day, Boxing Day (moved to Monday 28th) and New Year's Day do not count.
    assert deadline(StandardKind.CASE_UPDATE, utc(2026, 12, 21, 11, 0)).due_at == utc(
        2027, 1, 7, 17, 0
    )
    with pytest.raises(ValueError):
        deadline_after(monday, 0)


def test_a_warning_never_comes_before_the_clock_starts() -> None:
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    friday_evening = datetime(2026, 11, 27, 17, 5, tzinfo=london)
    when = deadline_after(friday_evening, 1)
    # Due Monday at closing time (was Tuesday); warned when the office opens on Monday.
    assert when.due_at == datetime(2026, 11, 30, 17, 0, tzinfo=london)
    assert when.warn_at == datetime(2026, 11, 30, 9, 0, tzinfo=london)
    for hour in (7, 9, 12, 16, 18, 23):
        arrived = datetime(2026, 11, 23, hour, 30, tzinfo=london)
        assert deadline_after(arrived, 1).warn_at > arrived
