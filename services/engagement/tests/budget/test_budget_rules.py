"""The practical support budget's rules, without I/O."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from engagement.budget.rules import (
    Category,
    financial_year,
    needs_team_leader,
    overspend,
    remaining,
)

D = Decimal


def test_the_financial_year_starts_in_april() -> None:
    assert financial_year(date(2027, 3, 31)) == 2026
    assert financial_year(date(2027, 4, 1)) == 2027


def test_only_a_spend_above_the_threshold_needs_a_team_leader() -> None:
    assert not needs_team_leader(D("100.00"), D("100.00"))
    assert needs_team_leader(D("100.01"), D("100.00"))


def test_a_spend_must_fit_the_total_and_its_category_allocation() -> None:
    allocations = {Category.TRANSPORT: D("50.00")}
    committed = {Category.TRANSPORT: D("40.00"), Category.OTHER: D("900.00")}
    assert overspend(D("1000"), allocations, committed, Category.TRANSPORT, D("10.00")) is None
    assert "transport" in str(
        overspend(D("1000"), allocations, committed, Category.TRANSPORT, D("10.01"))
    )
    assert "budget" in str(overspend(D("1000"), allocations, committed, Category.OTHER, D("60.01")))
    left = remaining(D("1000"), allocations, committed)
    assert left.total == D("60.00") and left.by_category == {Category.TRANSPORT: D("10.00")}
