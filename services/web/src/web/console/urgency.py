"""An officer's cases, the most urgent first, with the counts and filters of "My cases".

Pure: the cases are what casework's ``GET /v1/my-cases`` answers; the filters are the case
list's own (risk, category, breached, area), applied to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asb_shared.contracts.common import AsbCategory

RISKS = ("standard", "medium", "high")
CATEGORIES = tuple(c.value for c in AsbCategory)


@dataclass(frozen=True)
class Filters:
    risk: str | None = None
    category: str | None = None
    breached: bool | None = None
    area: str | None = None

    @property
    def any(self) -> bool:
        return any(v is not None for v in (self.risk, self.category, self.breached, self.area))


def filters_from(query: Mapping[str, str]) -> Filters:
    """The filters a query string asks for; a value the list does not know is no filter."""
    risk = query.get("risk") or None
    category = query.get("category") or None
    breached = {"yes": True, "no": False}.get(query.get("breached") or "")
    area = (query.get("area") or "").strip().upper().replace(" ", "") or None
    return Filters(
        risk=risk if risk in RISKS else None,
        category=category if category in CATEGORIES else None,
        breached=breached,
        area=area if area and len(area) <= 10 and area.isalnum() else None,
    )


def matches(case: Mapping[str, Any], filters: Filters) -> bool:
    if filters.risk and case.get("risk_level") != filters.risk:
        return False
    if filters.category and filters.category not in (case.get("categories") or []):
        return False
    if filters.breached is not None and bool(case.get("breached")) != filters.breached:
        return False
    return not (filters.area and (case.get("patch") or "").upper() != filters.area)


def _due(case: Mapping[str, Any]) -> datetime | None:
    due = (case.get("next_due") or {}).get("due_at")
    return datetime.fromisoformat(due) if isinstance(due, str) else None


def warned(case: Mapping[str, Any]) -> bool:
    return bool((case.get("next_due") or {}).get("warned"))


def urgency(case: Mapping[str, Any]) -> tuple[int, int, int, float]:
    """The sort key, most urgent first: a breached standard, then a warned one (due within a
    working day), then high risk, then the next standard due soonest (none due: last)."""
    due = _due(case)
    return (
        0 if case.get("breached") else 1,
        0 if warned(case) else 1,
        0 if case.get("risk_level") == "high" else 1,
        due.timestamp() if due else float("inf"),
    )


@dataclass(frozen=True)
class Counts:
    open: int
    breached: int
    warned: int
    high_risk: int


def counts(cases: Sequence[Mapping[str, Any]]) -> Counts:
    return Counts(
        open=len(cases),
        breached=sum(1 for c in cases if c.get("breached")),
        warned=sum(1 for c in cases if warned(c)),
        high_risk=sum(1 for c in cases if c.get("risk_level") == "high"),
    )


def most_urgent_first(
    cases: Sequence[Mapping[str, Any]], filters: Filters
) -> list[Mapping[str, Any]]:
    """The cases the filters keep, the most urgent first."""
    return sorted((c for c in cases if matches(c, filters)), key=urgency)
