"""The fair-handling report, with no I/O: reports, outcomes, time to resolve and satisfaction
for each group of a protected characteristic, with small groups suppressed.

Equality answers are special category data held for this purpose only, so the report must
identify no one:

- a group (one answer to one question, e.g. ethnicity ``asian``, for complainants or for
  subjects) of fewer than ``min_group_size`` people (5 by default) is suppressed: its size and
  every figure of it are withheld;
- when exactly one group of a question is suppressed, the next smallest is suppressed as well
  (complementary suppression), so its size cannot be worked out from the others and a total;
- nobody appears in a group they did not answer; "prefer not to say" is a group like any other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_MIN_GROUP_SIZE = 5
SATISFIED = 4
"""Survey answers of 4 (fairly) and 5 (very satisfied) count as satisfied, as for TP12."""
RESOLVED = "resolved"


@dataclass(frozen=True)
class Handled:
    """One person's answers and how their case was handled."""

    role: str
    """``complainant`` or ``subject``."""
    answers: Mapping[str, str]
    """By question: only the questions they answered."""
    outcome: str | None = None
    """The case's outcome once closed (``resolved``, ``unresolved``, ...), else None."""
    days_to_resolve: float | None = None
    """For a resolved case: days from opening to closing."""
    satisfaction: int | None = None
    """Their case's survey answer on the handling (1..5), if there is one."""


@dataclass(frozen=True)
class Group:
    role: str
    characteristic: str
    value: str
    people: int | None
    """None when suppressed."""
    suppressed: bool = False
    closed: int | None = None
    outcomes: dict[str, int] = field(default_factory=dict)
    resolved_percent: float | None = None
    average_days_to_resolve: float | None = None
    satisfaction_responses: int | None = None
    satisfied_percent: float | None = None

    def row(self) -> dict[str, Any]:
        """The group as one flat row (for CSV)."""
        return {
            "role": self.role,
            "characteristic": self.characteristic,
            "value": self.value,
            "people": self.people,
            "suppressed": self.suppressed,
            "closed": self.closed,
            "outcomes": " ".join(f"{k}={v}" for k, v in sorted(self.outcomes.items())),
            "resolved_percent": self.resolved_percent,
            "average_days_to_resolve": self.average_days_to_resolve,
            "satisfaction_responses": self.satisfaction_responses,
            "satisfied_percent": self.satisfied_percent,
        }


COLUMNS = list(Group.__dataclass_fields__)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _figures(role: str, characteristic: str, value: str, people: Sequence[Handled]) -> Group:
    closed = [p for p in people if p.outcome is not None]
    days = [p.days_to_resolve for p in closed if p.days_to_resolve is not None]
    answers = [p.satisfaction for p in people if p.satisfaction is not None]
    return Group(
        role,
        characteristic,
        value,
        len(people),
        closed=len(closed),
        outcomes=dict(Counter(p.outcome for p in closed if p.outcome)),
        resolved_percent=_percent(sum(1 for p in closed if p.outcome == RESOLVED), len(closed)),
        average_days_to_resolve=round(sum(days) / len(days), 1) if days else None,
        satisfaction_responses=len(answers),
        satisfied_percent=_percent(sum(1 for a in answers if a >= SATISFIED), len(answers)),
    )


def _suppressed(group: Group) -> Group:
    return Group(group.role, group.characteristic, group.value, None, suppressed=True)


def fair_handling(
    handled: Iterable[Handled],
    characteristics: Sequence[str],
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> list[Group]:
    """Every group's figures, in the order of roles, ``characteristics`` and values, with the
    groups under ``min_group_size`` (and their complements) suppressed."""
    if min_group_size < 1:
        raise ValueError("a group must have at least one person to be shown")
    by_question: dict[tuple[str, str], dict[str, list[Handled]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for person in handled:
        for characteristic in characteristics:
            value = person.answers.get(characteristic)
            if value is not None:
                by_question[(person.role, characteristic)][value].append(person)
    groups: list[Group] = []
    for role in sorted({role for role, _ in by_question}):
        for characteristic in characteristics:
            values = by_question.get((role, characteristic), {})
            question = [_figures(role, characteristic, v, ps) for v, ps in sorted(values.items())]
            small = [g for g in question if (g.people or 0) < min_group_size]
            shown = [g for g in question if (g.people or 0) >= min_group_size]
            if len(small) == 1 and shown:
                # One suppressed group could be worked out from a total: hide the next smallest.
                small.append(min(shown, key=lambda g: (g.people or 0, g.value)))
            hidden = {g.value for g in small}
            groups += [_suppressed(g) if g.value in hidden else g for g in question]
    return groups
