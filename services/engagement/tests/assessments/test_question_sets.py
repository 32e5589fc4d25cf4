"""Scoring a needs assessment against a question set, without I/O."""

from __future__ import annotations

import pytest
from engagement.assessments.questions import (
    DEFAULT_QUESTION_SET,
    Area,
    InvalidAnswers,
    Need,
    score,
)


def test_the_default_set_covers_every_area_the_policy_names() -> None:
    assert set(DEFAULT_QUESTION_SET.areas) == set(Area)


def test_each_area_is_scored_to_a_level_of_need() -> None:
    scored = score(
        DEFAULT_QUESTION_SET,
        {"alcohol": {"use": "daily", "impact": "serious"}, "drugs": {"use": "never"}},
    )
    assert scored[Area.ALCOHOL].score == 6 and scored[Area.ALCOHOL].need is Need.HIGH
    assert scored[Area.DRUGS].score == 0 and scored[Area.DRUGS].need is Need.LOW


def test_unknown_areas_questions_and_answers_are_named() -> None:
    with pytest.raises(InvalidAnswers) as caught:
        score(
            DEFAULT_QUESTION_SET,
            {"astrology": {"sign": "leo"}, "anger": {"outbursts": "rarely", "temper": "yes"}},
        )
    assert set(caught.value.problems) == {
        "answers.astrology",
        "answers.anger.outbursts",
        "answers.anger.temper",
    }
