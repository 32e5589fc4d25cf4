"""Who sees a warning marker's reason (pure rules)."""

from __future__ import annotations

from datetime import date

from casework.markers.visibility import keys_of_case, reason_visible, seen_by


def test_the_reason_only_for_the_roles_named() -> None:
    assert reason_visible(["team_leader"], ["team_leader", "officer"])
    assert not reason_visible(["team_leader"], ["officer"])
    assert not reason_visible(["officer"], ["peo"])
    view = seen_by(
        "Threatened an officer with a knife",
        ["team_leader"],
        date(2027, 1, 1),
        ["officer"],
        date(2026, 12, 7),
    )
    assert view.reason is None and view.reason_withheld and not view.review_due
    view = seen_by("Dog", ["officer"], date(2026, 12, 7), ["officer"], date(2026, 12, 7))
    assert view.reason == "Dog" and view.review_due


def test_a_case_is_found_by_its_address_and_subjects() -> None:
    assert keys_of_case("addr:1 high st|sk1", ["bob@x", "al"]) == [
        "addr:1 high st|sk1",
        "al",
        "bob@x",
    ]
    assert keys_of_case(None, []) == []
