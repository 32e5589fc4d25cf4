"""Small numbers in the public summary (pure rules)."""

from __future__ import annotations

from casework.measures.suppression import count, share
from casework.measures.targets import value_of


def test_small_counts_and_shares_of_few_cases_are_hidden_but_zero_is_not() -> None:
    assert count(0, 5) == {"value": 0, "suppressed": False}
    assert count(4, 5) == {"value": None, "suppressed": True}
    assert count(5, 5) == {"value": 5, "suppressed": False}
    assert share(75.0, 4, 5) == {"value": None, "suppressed": True, "of": None}
    assert share(75.0, 8, 5) == {"value": 75.0, "suppressed": False, "of": 8}
    assert share(None, 0, 5)["suppressed"] is False


def test_a_target_names_a_figure_by_its_dotted_name() -> None:
    period = {"a": 1, "b": {"c": 2.5, "d": True}, "e": None}
    assert value_of(period, "a") == 1
    assert value_of(period, "b.c") == 2.5
    assert value_of(period, "b.d") is None and value_of(period, "e") is None
    assert value_of(period, "x.y") is None
