"""The counts the strategies report, as pure rules: financial years and what is counted."""

from __future__ import annotations

from datetime import date

import pytest
from casework.interventions.counting import (
    Counted,
    FinancialYear,
    count_interventions,
    financial_year_of,
)
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("day", "start_month", "year", "label", "first", "last"),
    [
        (date(2026, 4, 1), 4, 2026, "2026/27", date(2026, 4, 1), date(2027, 3, 31)),
        (date(2026, 3, 31), 4, 2025, "2025/26", date(2025, 4, 1), date(2026, 3, 31)),
        (date(2027, 1, 15), 4, 2026, "2026/27", date(2026, 4, 1), date(2027, 3, 31)),
        (date(2026, 12, 31), 1, 2026, "2026", date(2026, 1, 1), date(2026, 12, 31)),
        (date(2024, 2, 29), 3, 2023, "2023/24", date(2023, 3, 1), date(2024, 2, 29)),
        (date(2099, 12, 31), 12, 2099, "2099/00", date(2099, 12, 1), date(2100, 11, 30)),
    ],
)
def test_the_financial_year_a_day_falls_in(
    day: date, start_month: int, year: int, label: str, first: date, last: date
) -> None:
    found = financial_year_of(day, start_month)
    assert (found.year, found.label, found.first_day, found.last_day) == (year, label, first, last)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(1, 12))
def test_every_day_is_in_exactly_its_own_financial_year(day: date, start_month: int) -> None:
    year = financial_year_of(day, start_month)
    assert year.holds(day)
    assert not FinancialYear(year.year - 1, start_month).holds(day)
    assert not FinancialYear(year.year + 1, start_month).holds(day)


def test_the_strategies_counts() -> None:
    year = FinancialYear(2026, 4)
    as_of = date(2026, 11, 30)
    counted = [
        Counted("community_protection_warning", date(2026, 4, 1)),
        Counted("community_protection_warning", date(2026, 11, 30)),
        Counted("community_protection_notice", date(2026, 6, 1)),
        Counted("warning_letter", date(2026, 5, 5)),
        Counted("eviction", date(2026, 9, 9)),
        Counted("mediation_referral", date(2026, 5, 1), "agreement_reached"),
        Counted("mediation_referral", date(2026, 5, 2), "agreement_reached"),
        Counted("mediation_referral", date(2026, 5, 3), "declined"),
        Counted("mediation_referral", date(2026, 5, 4)),
        # Outside the year, or after today: not counted.
        Counted("community_protection_warning", date(2026, 3, 31)),
        Counted("eviction", date(2026, 12, 1)),
        Counted("mediation_referral", date(2027, 4, 1), "no_agreement"),
    ]
    counts = count_interventions(counted, year, as_of)
    assert counts.total == 9
    assert counts.community_protection_warnings == 2
    assert counts.by_kind == {
        "community_protection_notice": 1,
        "community_protection_warning": 2,
        "eviction": 1,
        "mediation_referral": 4,
        "warning_letter": 1,
    }
    # A warning is not legal action; a notice and an eviction are.
    assert counts.legal_actions == 2
    assert counts.legal_by_kind == {"community_protection_notice": 1, "eviction": 1}
    assert counts.mediation_outcomes == {"agreement_reached": 2, "awaiting": 1, "declined": 1}


def test_nothing_recorded_counts_zero() -> None:
    counts = count_interventions([], FinancialYear(2026, 4), date(2026, 5, 1))
    assert (counts.total, counts.community_protection_warnings, counts.legal_actions) == (0, 0, 0)
    assert counts.by_kind == counts.mediation_outcomes == {}
