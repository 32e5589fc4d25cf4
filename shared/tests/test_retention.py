"""The retention rule: what is kept, deleted or pseudonymised, and from which day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from asb_shared.retention import (
    DEFAULT_SCHEDULE,
    Action,
    Ending,
    Period,
    RecordType,
    RetentionRule,
    RetentionSchedule,
    Trigger,
    decide,
    latest_start,
)
from pydantic import ValidationError

CLOSED = date(2019, 3, 14)


def closed_case(on: date, *, hold: bool = False, closed: date | None = CLOSED) -> Action:
    return decide(
        DEFAULT_SCHEDULE,
        RecordType.CLOSED_CASE,
        {Trigger.CLOSED: closed},
        legal_hold=hold,
        on=on,
    ).action


def test_a_closed_case_is_kept_six_years_then_pseudonymised() -> None:
    assert closed_case(date(2025, 3, 13)) is Action.KEEP
    assert closed_case(date(2025, 3, 14)) is Action.PSEUDONYMISE
    assert closed_case(date(2030, 1, 1)) is Action.PSEUDONYMISE


def test_a_case_not_closed_is_kept_whatever_the_day() -> None:
    decision = decide(
        DEFAULT_SCHEDULE, RecordType.CLOSED_CASE, {}, legal_hold=False, on=date(2099, 1, 1)
    )
    assert decision.action is Action.KEEP and decision.due_on is None
    assert closed_case(date(2099, 1, 1), closed=None) is Action.KEEP


def test_a_legal_hold_keeps_a_case_past_its_date_and_says_so() -> None:
    decision = decide(
        DEFAULT_SCHEDULE,
        RecordType.CLOSED_CASE,
        {Trigger.CLOSED: CLOSED},
        legal_hold=True,
        on=date(2030, 1, 1),
    )
    assert decision.action is Action.KEEP
    assert decision.held is True
    assert decision.due_on == date(2025, 3, 14)


def test_an_information_only_report_goes_after_a_year() -> None:
    dates: dict[Trigger, date | None] = {Trigger.CLOSED: CLOSED}
    kept = decide(
        DEFAULT_SCHEDULE,
        RecordType.INFORMATION_ONLY_REPORT,
        dates,
        legal_hold=False,
        on=date(2020, 3, 13),
    )
    gone = decide(
        DEFAULT_SCHEDULE,
        RecordType.INFORMATION_ONLY_REPORT,
        dates,
        legal_hold=False,
        on=date(2020, 3, 14),
    )
    assert (kept.action, gone.action) == (Action.KEEP, Action.PSEUDONYMISE)


def test_a_landlord_may_change_a_period_and_the_ending() -> None:
    schedule = RetentionSchedule(
        closed_case=RetentionRule(
            kept_for=Period(years=3), after=Trigger.CLOSED, then=Ending.DELETE
        )
    )
    decision = decide(
        schedule,
        RecordType.CLOSED_CASE,
        {Trigger.CLOSED: CLOSED},
        legal_hold=False,
        on=date(2022, 3, 14),
    )
    assert decision.action is Action.DELETE


def test_the_defaults_are_the_schedule_asked_for() -> None:
    s = DEFAULT_SCHEDULE
    assert s.message.kept_for == Period(years=2) and s.message.then is Ending.DELETE
    assert s.engagement_record.after is Trigger.OUTCOME_RECORDED
    assert s.engagement_record.kept_for == Period(years=6)
    assert s.partner_audit.kept_for == Period(years=6)
    assert s.idempotency_key.kept_for.years == 0 and s.idempotency_key.kept_for.days >= 1
    assert s.tracking_secret.kept_for.years == 0 and s.tracking_secret.kept_for.days >= 1


def test_a_year_after_a_leap_day_ends_on_the_last_day_of_february() -> None:
    assert Period(years=1).after(date(2024, 2, 29)) == date(2025, 2, 28)
    assert Period(months=1).after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert Period(years=1, days=2).after(date(2026, 12, 31)) == date(2028, 1, 2)


@pytest.mark.parametrize(
    "period",
    [Period(years=6), Period(years=1), Period(months=1), Period(days=90), Period(years=1, days=3)],
)
def test_latest_start_is_the_edge_decide_draws(period: Period) -> None:
    schedule = RetentionSchedule(
        closed_case=RetentionRule(kept_for=period, after=Trigger.CLOSED, then=Ending.DELETE)
    )
    day = date(2024, 1, 1)
    while day < date(2026, 1, 1):
        edge = latest_start(schedule, RecordType.CLOSED_CASE, day)
        due = decide(
            schedule,
            RecordType.CLOSED_CASE,
            {Trigger.CLOSED: edge},
            legal_hold=False,
            on=day,
        )
        later = decide(
            schedule,
            RecordType.CLOSED_CASE,
            {Trigger.CLOSED: edge + timedelta(days=1)},
            legal_hold=False,
            on=day,
        )
        assert due.action is Action.DELETE and later.action is Action.KEEP, day
        day += timedelta(days=7)


def test_a_misspelt_record_type_or_a_negative_period_is_refused() -> None:
    with pytest.raises(ValidationError):
        RetentionSchedule.model_validate({"closed_cases": {}})
    with pytest.raises(ValidationError):
        Period(years=-1)
