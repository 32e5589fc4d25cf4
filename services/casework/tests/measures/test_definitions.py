"""The published measures' definitions against figures computed by hand.

January to March 2026, London time (British Summer Time starts on 29 March 2026):

* A: opened 5 Jan, resolved 25 Jan (20 days).
* B: opened 31 Jan 23:30, closed unresolved 10 Feb, reopened 15 Feb, resolved 17 Mar 23:30
  (45 days from opening to its last closing).
* C: opened 20 Dec 2025 (before the period), a hate incident, still open.
* D: opened 31 Mar 23:30 BST (22:30 UTC): March. A hate incident.
* E: opened 1 Apr 00:30 BST (31 Mar 23:30 UTC): April, outside.
* F: opened 1 Feb, closed as not ASB 3 Feb.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from casework.measures.definitions import (
    CaseFacts,
    Facts,
    InterventionFacts,
    Month,
    Settings,
    StatusChange,
    SurveyFacts,
    TimerFacts,
    csv_rows,
    financial_year_start,
    measures,
    months,
)


def utc(y: int, m: int, d: int, h: int = 12, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=UTC)


A = CaseFacts(utc(2026, 1, 5), ("noise",), False, (StatusChange(utc(2026, 1, 25), "resolved"),))
B = CaseFacts(
    utc(2026, 1, 31, 23, 30),
    ("drugs", "noise"),
    False,
    (
        StatusChange(utc(2026, 2, 10), "closed"),
        StatusChange(utc(2026, 2, 15), "reopened"),
        StatusChange(utc(2026, 3, 17, 23, 30), "resolved"),
    ),
)
C = CaseFacts(utc(2025, 12, 20), ("hate_incident",), True)
D = CaseFacts(utc(2026, 3, 31, 22, 30), ("hate_incident",), True)
E = CaseFacts(utc(2026, 3, 31, 23, 30), ("noise",), False)
F = CaseFacts(
    utc(2026, 2, 1, 10), ("litter",), False, (StatusChange(utc(2026, 2, 3, 10), "not_asb"),)
)

TIMERS = [
    TimerFacts(utc(2026, 1, 5), utc(2026, 1, 6, 17), "met", utc(2026, 1, 6, 9)),
    TimerFacts(utc(2026, 1, 31, 23, 30), utc(2026, 2, 2, 17), "breached", None),
    TimerFacts(utc(2026, 2, 1, 10), utc(2026, 2, 2, 17), "met", utc(2026, 2, 3, 9)),
    TimerFacts(utc(2026, 3, 31, 22, 30), utc(2026, 4, 1, 16), "running", None),
    TimerFacts(utc(2025, 12, 20), utc(2025, 12, 22, 17), "met", utc(2025, 12, 21)),
]
PLANS = [utc(2026, 1, 10), utc(2026, 2, 20), utc(2026, 2, 21), utc(2026, 4, 2)]
INTERVENTIONS = [
    InterventionFacts("civil_injunction", True, date(2025, 5, 1)),
    InterventionFacts("possession", True, date(2026, 2, 1)),
    InterventionFacts("eviction", True, date(2026, 3, 3)),
    InterventionFacts("warning_letter", False, date(2026, 1, 10)),
    InterventionFacts("eviction", True, date(2025, 3, 30)),
]
SURVEYS = [
    SurveyFacts(utc(2026, 1, 20), 5, 2),
    SurveyFacts(utc(2026, 2, 2), 4, 4),
    SurveyFacts(utc(2026, 3, 3), 2, 1),
    SurveyFacts(utc(2026, 4, 5), 5, 5),
]
FACTS = Facts([A, B, C, D, E, F], TIMERS, PLANS, INTERVENTIONS, SURVEYS)


@pytest.fixture
def result() -> dict[str, object]:
    return measures(FACTS, Month(2026, 1), Month(2026, 3), Settings(2000, 4, 52))


def test_months_new_closed_and_open_at_month_end(result: dict[str, object]) -> None:
    assert result["months"] == [
        {"month": "2026-01", "new_cases": 2, "closed_cases": 1, "open_at_month_end": 2, "action_plans_created": 1},
        {"month": "2026-02", "new_cases": 1, "closed_cases": 2, "open_at_month_end": 2, "action_plans_created": 2},
        {"month": "2026-03", "new_cases": 1, "closed_cases": 1, "open_at_month_end": 2, "action_plans_created": 0},
    ]  # fmt: skip


def test_the_periods_figures(result: dict[str, object]) -> None:
    period = result["period"]
    assert isinstance(period, dict)
    assert period["new_cases"] == 4  # A, B, D, F: a reopened B is not new again
    assert period["closed_cases"] == 3  # A, B (closed twice), F
    assert period["open_at_end"] == 2  # C and D
    assert period["types_of_asb"] == {"noise": 2, "drugs": 1, "hate_incident": 1, "litter": 1}
    assert list(period["types_of_asb"]) == ["noise", "drugs", "hate_incident", "litter"]
    assert period["resolved_percent"] == 66.7  # A and B of A, B, F
    assert period["average_days_to_resolve"] == 32.5  # (20 + 45) / 2
    assert period["average_days_to_resolve_target"] == 52
    assert period["contact_within_1_working_day_percent"] == 33.3  # 1 of 3 decided
    assert period["action_plans_created"] == 3
    assert period["financial_year_from"] == "2025-04-01"
    assert period["legal_actions_year_to_date"] == 3
    assert (period["evictions"], period["evictions_year_to_date"]) == (1, 1)
    assert period["satisfaction"] == {
        "responses": 3,
        "handling_satisfied_percent": 66.7,
        "outcome_satisfied_percent": 33.3,
        "tp12_percent": 66.7,
    }
    assert period["nm01"] == {
        "homes": 2000,
        "cases_per_1000_homes": 2.0,
        "hate_cases_per_1000_homes": 0.5,
        "cases": 4,
        "hate_cases": 1,
    }


def test_without_data_or_homes_the_rates_are_empty_not_zero() -> None:
    empty = measures(Facts([], [], [], [], []), Month(2026, 1), Month(2026, 1), Settings(None, 4))
    period = empty["period"]
    assert period["resolved_percent"] is None and period["average_days_to_resolve"] is None
    assert period["contact_within_1_working_day_percent"] is None
    assert period["nm01"]["cases_per_1000_homes"] is None
    assert period["satisfaction"]["tp12_percent"] is None


def test_financial_years_and_month_runs() -> None:
    assert financial_year_start(date(2026, 5, 6), 4) == date(2026, 4, 1)
    assert financial_year_start(date(2026, 3, 6), 4) == date(2025, 4, 1)
    assert financial_year_start(date(2026, 3, 6), 1) == date(2026, 1, 1)
    assert [str(m) for m in months(Month(2025, 11), Month(2026, 2))] == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    # A year boundary and a summer-time boundary: months are London's.
    assert Month(2026, 4).start == utc(2026, 3, 31, 23)
    assert (Month(2026, 3).first_day, Month(2026, 3).last_day) == (
        date(2026, 3, 1),
        date(2026, 3, 31),
    )
    assert Month(2024, 2).last_day == date(2024, 2, 29)


def test_csv_has_a_row_per_figure(result: dict[str, object]) -> None:
    rows = csv_rows(result)
    assert rows[0] == ["measure", "month", "category", "value"]
    assert ["new_cases", "2026-02", "", "1"] in rows
    assert ["types_of_asb", "", "noise", "2"] in rows
    assert ["nm01.cases_per_1000_homes", "", "", "2.0"] in rows
    assert ["resolved_percent", "", "", "66.7"] in rows
