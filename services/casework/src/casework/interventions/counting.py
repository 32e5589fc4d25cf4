"""What the ASB strategies report counts of interventions, as pure rules (no I/O).

Counts are per financial year (the landlord's policy says which month it starts: April by
default), by the date the intervention was made: Community Protection Warnings (Stockport wants
more of them), every intervention type, legal actions, and how mediations ended.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .catalogue import InterventionKind, is_legal

MEDIATION_KINDS: frozenset[InterventionKind] = frozenset({InterventionKind.MEDIATION_REFERRAL})
"""The interventions whose result is counted among mediation outcomes."""


class MediationResult(StrEnum):
    """How a mediation ended, as the strategies report counts it."""

    AGREEMENT_REACHED = "agreement_reached"
    NO_AGREEMENT = "no_agreement"
    DECLINED = "declined"
    """One side would not take part."""
    WITHDRAWN = "withdrawn"


AWAITING = "awaiting"
"""A mediation with no result recorded yet."""


def is_mediation(kind: InterventionKind | str) -> bool:
    return InterventionKind(kind) in MEDIATION_KINDS


@dataclass(frozen=True)
class FinancialYear:
    """The financial year starting in ``start_month`` of ``year`` (2026 from April: 2026/27)."""

    year: int
    start_month: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.start_month, 1)

    @property
    def last_day(self) -> date:
        if self.start_month == 1:
            return date(self.year, 12, 31)
        return date.fromordinal(date(self.year + 1, self.start_month, 1).toordinal() - 1)

    @property
    def label(self) -> str:
        if self.start_month == 1:
            return str(self.year)
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    def holds(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day


def financial_year_of(day: date, start_month: int) -> FinancialYear:
    """The financial year ``day`` falls in."""
    year = day.year if day.month >= start_month else day.year - 1
    return FinancialYear(year, start_month)


@dataclass(frozen=True)
class Counted:
    """What the counts need of one intervention."""

    kind: str
    on_date: date
    mediation_result: str | None = None


@dataclass(frozen=True)
class InterventionCounts:
    total: int
    by_kind: dict[str, int]
    community_protection_warnings: int
    legal_actions: int
    legal_by_kind: dict[str, int]
    mediation_outcomes: dict[str, int]


def count_interventions(
    interventions: Iterable[Counted], year: FinancialYear, as_of: date
) -> InterventionCounts:
    """Count the interventions made in ``year`` up to ``as_of`` (later or earlier ones are not
    counted: a date in the future is a typing error, not an achievement)."""
    kept = [i for i in interventions if year.holds(i.on_date) and i.on_date <= as_of]
    by_kind = Counter(i.kind for i in kept)
    legal = Counter(i.kind for i in kept if is_legal(i.kind))
    mediation = Counter(i.mediation_result or AWAITING for i in kept if is_mediation(i.kind))
    return InterventionCounts(
        total=len(kept),
        by_kind=dict(sorted(by_kind.items())),
        community_protection_warnings=by_kind[InterventionKind.COMMUNITY_PROTECTION_WARNING],
        legal_actions=sum(legal.values()),
        legal_by_kind=dict(sorted(legal.items())),
        mediation_outcomes=dict(sorted(mediation.items())),
    )
