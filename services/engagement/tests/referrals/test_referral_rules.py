"""The referral criteria and the decision standard, without I/O."""

from __future__ import annotations

from datetime import UTC, datetime

from engagement.referrals.criteria import (
    Criterion,
    decision_due,
    eligible,
    parse_criteria,
    within_standard,
)


def test_partner_words_are_mapped_to_the_policy_criteria_and_unknown_ones_kept_aside() -> None:
    known, unknown = parse_criteria(["Alcohol", "mental health", "drugs", "gambling", "alcohol"])
    assert known == [Criterion.ALCOHOL_USE, Criterion.MENTAL_HEALTH, Criterion.DRUG_USE]
    assert unknown == ["gambling"]


def test_a_referral_meeting_no_criterion_is_not_eligible() -> None:
    assert not eligible([])
    assert eligible([Criterion.ANGER])


def test_the_decision_is_due_five_working_days_on_skipping_the_bank_holiday() -> None:
    # Received Thursday 23 December 2027 at 10:00: 24th (Fri), 29th, 30th, 31st, 4 Jan
    # (27, 28 Dec and 3 Jan 2028 are bank holidays; 25-26 Dec and 1-2 Jan a weekend).
    received = datetime(2027, 12, 23, 10, 0, tzinfo=UTC)
    due = decision_due(received, 5)
    assert due == datetime(2028, 1, 4, 17, 0, tzinfo=UTC)
    assert within_standard(due, due)
    assert not within_standard(due.replace(minute=1), due)


def test_the_decision_is_due_on_the_landlords_calendar() -> None:
    from datetime import UTC, datetime

    from asb_shared.calendar import calendar_for
    from asb_shared.contracts.casework import PolicyCalendar
    from engagement.policy.working_days import calendar_of
    from engagement.referrals.criteria import decision_due

    friday = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    scotland = calendar_of(PolicyCalendar(region="scotland"))
    assert scotland.holidays_in(2026) == calendar_for("scotland").holidays_in(2026)
    # St Andrew's Day (Monday 30 November) is a bank holiday in Scotland only.
    assert decision_due(friday, 1) == datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    assert decision_due(friday, 1, scotland) == datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
