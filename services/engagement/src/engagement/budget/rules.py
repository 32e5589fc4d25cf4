"""The practical support budget's rules, with no I/O (policy 3.6).

A budget is set per organisation per financial year (1 April to 31 March), with an optional
allocation per category. A spend above the budget's approval threshold needs a team leader's
approval. A spend is committed only if it fits both what is left of the whole budget and what is
left of its category's allocation: the budget is never overspent. Money is ``Decimal`` pounds
with pence, never a float.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

PENNY = Decimal("0.01")


class Category(StrEnum):
    TARGET_HARDENING = "target_hardening"
    """Door stoppers, locks, door closers."""
    SOUND_INSULATION = "sound_insulation"
    TRANSPORT = "transport"
    """Reasonable costs of getting to appointments."""
    HOUSEHOLD_ITEMS = "household_items"
    ACTIVITIES = "activities"
    OTHER = "other"


class SpendStatus(StrEnum):
    APPROVED = "approved"
    AWAITING_APPROVAL = "awaiting_approval"
    REFUSED = "refused"


def financial_year(day: date) -> int:
    """The financial year a day falls in, named by the year it starts (April 2026 -> 2026)."""
    return day.year if day.month >= 4 else day.year - 1


def year_bounds(year: int) -> tuple[date, date]:
    """First and last day of the financial year ``year``."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def needs_team_leader(amount: Decimal, threshold: Decimal) -> bool:
    return amount > threshold


@dataclass(frozen=True)
class Remaining:
    total: Decimal
    by_category: dict[Category, Decimal]
    """Only categories with an allocation; the others share what is left of the total."""


def remaining(
    total: Decimal,
    allocations: Mapping[Category, Decimal],
    committed: Mapping[Category, Decimal],
) -> Remaining:
    spent = sum(committed.values(), Decimal(0))
    return Remaining(
        total=total - spent,
        by_category={c: a - committed.get(c, Decimal(0)) for c, a in allocations.items()},
    )


def overspend(
    total: Decimal,
    allocations: Mapping[Category, Decimal],
    committed: Mapping[Category, Decimal],
    category: Category,
    amount: Decimal,
) -> str | None:
    """Why committing ``amount`` in ``category`` would overspend, or None if it fits."""
    left = remaining(total, allocations, committed)
    if amount > left.total:
        return f"only £{left.total:.2f} of the budget is left"
    if category in left.by_category and amount > left.by_category[category]:
        return f"only £{left.by_category[category]:.2f} of the {category.value} allocation is left"
    return None


def allocation_problem(total: Decimal, allocations: Mapping[Category, Decimal]) -> str | None:
    """Why a budget's allocations do not fit its total, or None."""
    if sum(allocations.values(), Decimal(0)) > total:
        return "the category allocations add up to more than the total"
    return None
