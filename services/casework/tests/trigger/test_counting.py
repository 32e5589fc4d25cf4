"""The Community Trigger's counting rule: three reports about one problem in six months by
default, the optional households and hate-incident rules, per landlord."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from casework.trigger.counting import (
    Met,
    QualifyingReport,
    Thresholds,
    TriggerRule,
    months_before,
    thresholds_met,
)

NOW = datetime(2026, 8, 31, 12, 0, tzinfo=UTC)


def report(
    n: int,
    at: datetime,
    person: str = "jo",
    problem: str = "uprn:1",
    household: str | None = None,
    hate: bool = False,
) -> QualifyingReport:
    return QualifyingReport(f"r{n}", person, household or person, problem, at, hate)


def test_the_third_report_meets_the_default_threshold_and_two_do_not() -> None:
    two = [report(1, NOW - timedelta(days=60)), report(2, NOW - timedelta(days=1))]
    assert thresholds_met(two, "jo", NOW, Thresholds()) == []
    three = [*two, report(3, NOW)]
    assert thresholds_met(three, "jo", NOW, Thresholds()) == [
        Met(TriggerRule.REPORTS, "jo", "uprn:1", 3)
    ]


def test_six_months_are_calendar_months_and_both_ends_count() -> None:
    assert months_before(NOW, 6) == datetime(2026, 2, 28, 12, 0, tzinfo=UTC)
    assert months_before(datetime(2024, 8, 31, tzinfo=UTC), 6) == datetime(2024, 2, 29, tzinfo=UTC)
    assert months_before(datetime(2026, 3, 15, tzinfo=UTC), 6) == datetime(2025, 9, 15, tzinfo=UTC)
    edge = datetime(2026, 2, 28, 12, 0, tzinfo=UTC)
    just_in = [report(1, edge), report(2, NOW - timedelta(days=3)), report(3, NOW)]
    assert len(thresholds_met(just_in, "jo", NOW, Thresholds())) == 1
    just_out = [report(1, edge - timedelta(seconds=1)), *just_in[1:]]
    assert thresholds_met(just_out, "jo", NOW, Thresholds()) == []


def test_reports_about_other_problems_or_by_other_people_do_not_count() -> None:
    reports = [
        report(1, NOW - timedelta(days=5)),
        report(2, NOW - timedelta(days=4), problem="uprn:2"),
        report(3, NOW - timedelta(days=3), person="sam"),
        report(4, NOW),
    ]
    assert thresholds_met(reports, "jo", NOW, Thresholds()) == []


def test_a_landlords_own_threshold() -> None:
    reports = [report(n, NOW - timedelta(days=n * 40)) for n in range(5)]  # 0..160 days back
    assert thresholds_met(reports, "jo", NOW, Thresholds(reports=5)) == [
        Met(TriggerRule.REPORTS, "jo", "uprn:1", 5)
    ]
    assert thresholds_met(reports, "jo", NOW, Thresholds(reports=5, within_months=4)) == []
    assert thresholds_met(reports[:2], "jo", NOW, Thresholds(reports=2, within_months=1)) == []


def test_five_households_about_one_problem_only_when_the_landlord_applies_it() -> None:
    reports = [
        report(n, NOW - timedelta(days=n), person=f"p{n}", household=f"flat {n}") for n in range(5)
    ]
    # Two people of one household count once.
    same_household = [*reports[:4], report(9, NOW, person="p9", household="flat 3")]
    assert thresholds_met(reports, "p0", NOW, Thresholds()) == []
    on = Thresholds(households_rule=True)
    assert thresholds_met(reports, "p0", NOW, on) == [
        Met(TriggerRule.HOUSEHOLDS, "p0", "uprn:1", 5)
    ]
    assert thresholds_met(same_household, "p9", NOW, on) == []


def test_one_hate_incident_only_when_the_landlord_applies_it() -> None:
    reports = [report(1, NOW, hate=True)]
    assert thresholds_met(reports, "jo", NOW, Thresholds()) == []
    assert thresholds_met(reports, "jo", NOW, Thresholds(hate_incident_rule=True)) == [
        Met(TriggerRule.HATE_INCIDENT, "jo", "uprn:1", 1)
    ]
    # Someone else's hate incident is not this complainant's.
    assert thresholds_met(reports, "sam", NOW, Thresholds(hate_incident_rule=True)) == []


def test_a_later_report_is_not_counted_at_an_earlier_moment() -> None:
    reports = [report(n, NOW + timedelta(days=n)) for n in range(3)]
    assert thresholds_met(reports, "jo", NOW + timedelta(days=1), Thresholds()) == []
