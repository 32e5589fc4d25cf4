"""The fair-handling report's rule: groups under the minimum size suppressed, with their
complement, and figures only for the groups shown (pure)."""

from __future__ import annotations

import pytest
from casework.equality.fairness import Handled, fair_handling


def _people(n: int, value: str, **handled: object) -> list[Handled]:
    return [Handled("complainant", {"ethnicity": value}, **handled) for _ in range(n)]  # type: ignore[arg-type]


def _by_value(groups: list, characteristic: str = "ethnicity") -> dict:  # type: ignore[type-arg]
    return {g.value: g for g in groups if g.characteristic == characteristic}


def test_a_group_of_four_is_suppressed_and_one_of_five_is_shown() -> None:
    groups = _by_value(
        fair_handling(
            _people(4, "asian") + _people(5, "black") + _people(6, "white"), ["ethnicity"]
        )
    )
    assert groups["asian"].suppressed and groups["asian"].people is None
    assert groups["asian"].closed is None and groups["asian"].outcomes == {}
    # The complement: the next smallest is hidden too, so the four cannot be worked out.
    assert groups["black"].suppressed
    assert not groups["white"].suppressed and groups["white"].people == 6


def test_two_small_groups_need_no_complement() -> None:
    groups = _by_value(
        fair_handling(
            _people(2, "asian") + _people(3, "mixed") + _people(5, "white"), ["ethnicity"]
        )
    )
    assert groups["asian"].suppressed and groups["mixed"].suppressed
    assert groups["white"].people == 5


def test_the_minimum_size_is_configurable() -> None:
    people = _people(4, "asian") + _people(4, "white")
    assert not any(g.suppressed for g in fair_handling(people, ["ethnicity"], min_group_size=3))
    assert all(g.suppressed for g in fair_handling(people, ["ethnicity"], min_group_size=5))
    with pytest.raises(ValueError):
        fair_handling(people, ["ethnicity"], min_group_size=0)


def test_outcomes_time_to_resolve_and_satisfaction_per_group() -> None:
    people = (
        _people(3, "white", outcome="resolved", days_to_resolve=10.0, satisfaction=5)
        + _people(1, "white", outcome="unresolved", satisfaction=2)
        + _people(2, "white")
    )
    [white] = fair_handling(people, ["ethnicity"])
    assert white.people == 6 and white.closed == 4
    assert white.outcomes == {"resolved": 3, "unresolved": 1}
    assert white.resolved_percent == 75.0
    assert white.average_days_to_resolve == 10.0
    assert white.satisfaction_responses == 4 and white.satisfied_percent == 75.0


def test_prefer_not_to_say_is_a_group_and_unanswered_questions_count_nowhere() -> None:
    people = _people(5, "prefer_not_to_say") + [Handled("complainant", {}) for _ in range(9)]
    groups = fair_handling(people, ["ethnicity", "religion"])
    assert [(g.characteristic, g.value, g.people) for g in groups] == [
        ("ethnicity", "prefer_not_to_say", 5)
    ]


def test_complainants_and_subjects_are_reported_apart() -> None:
    people = _people(5, "white") + [Handled("subject", {"ethnicity": "white"}) for _ in range(2)]
    groups = fair_handling(people, ["ethnicity"])
    assert [(g.role, g.people, g.suppressed) for g in groups] == [
        ("complainant", 5, False),
        ("subject", None, True),
    ]
