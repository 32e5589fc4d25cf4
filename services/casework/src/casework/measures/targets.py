"""Performance against the landlord's annual targets, with no I/O.

A target names a measure of the period's figures by its dotted name (``resolved_percent``,
``satisfaction.tp12_percent``, ``neighbour_help.helped_percent``...) and says whether more is
better. Targets are annual: compared with a financial year's figures (what the public summary
shows), a shorter period's counts are a part-year and say so by ``months``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..policy.settings import MeasureTarget


def value_of(period: Mapping[str, Any], measure: str) -> Any:
    """The figure a dotted name points at in the period's figures, or None."""
    found: Any = period
    for part in measure.split("."):
        if not isinstance(found, Mapping) or part not in found:
            return None
        found = found[part]
    return found if isinstance(found, int | float) and not isinstance(found, bool) else None


def performance(
    period: Mapping[str, Any], targets: Sequence[MeasureTarget], months: int
) -> list[dict[str, Any]]:
    """Each target beside the figure it is for: met, missed, or ``None`` when there is no
    figure (nothing counted yet, or a measure name that is not published)."""
    rows = []
    for t in targets:
        actual = value_of(period, t.measure)
        met = None
        if actual is not None:
            met = actual >= t.target if t.higher_is_better else actual <= t.target
        rows.append(
            {
                "measure": t.measure,
                "target": t.target,
                "higher_is_better": t.higher_is_better,
                "actual": actual,
                "met": met,
                "months": months,
            }
        )
    return rows
