"""The seeded data set is reproducible and looks like a landlord's year."""

from __future__ import annotations

from collections import Counter

from casework.seeding.generate import default_until, generate


def test_the_same_seed_gives_the_same_cases_and_another_seed_others() -> None:
    def summary(seed: int) -> list[tuple[object, ...]]:
        return [
            (c.opened_at, c.category, c.place.uprn, c.status)
            for c in generate(seed, 1, 300, default_until())
        ]

    assert summary(11) == summary(11)
    assert summary(11) != summary(12)


def test_a_year_follows_the_category_mix_with_repeat_people_and_places() -> None:
    cases = list(generate(11, 1, 3000, default_until()))
    assert len(cases) == 3000
    categories = Counter(c.category for c in cases)
    assert categories.most_common(1)[0][0] == "noise"
    assert categories["noise"] > categories["drugs"] > categories["hate_incident"]
    people = Counter(c.complainant.email for c in cases if c.complainant and c.complainant.email)
    places = Counter(c.place.uprn for c in cases)
    assert max(people.values()) >= 3 and max(places.values()) >= 3
    summer = sum(1 for c in cases if c.opened_at.month in (7, 8))
    winter = sum(1 for c in cases if c.opened_at.month in (1, 2))
    assert summer > winter
