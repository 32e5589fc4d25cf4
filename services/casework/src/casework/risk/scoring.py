"""The risk assessment matrix, with no I/O: a versioned question set scored to a risk level.

Each organisation may publish its own question set (a new version never changes an old one);
until it does, the default below applies. A question's answers carry points; the total is
compared with the thresholds, and some answers make the risk high whatever the total (a threat
of violence, a hate incident, a child at risk).
"""

from __future__ import annotations

from enum import StrEnum

from asb_shared.questionnaires import AnswerText, ScoredQuestion, Thresholds
from pydantic import BaseModel, Field, model_validator


class RiskLevel(StrEnum):
    STANDARD = "standard"
    MEDIUM = "medium"
    HIGH = "high"


class Question(ScoredQuestion):
    high_if: list[AnswerText] = Field(
        default_factory=list, max_length=20, description="answers that make the risk high"
    )

    @model_validator(mode="after")
    def _known_answers(self) -> Question:
        unknown = set(self.high_if) - set(self.answers)
        if unknown:
            raise ValueError(f"high_if names answers the question does not have: {sorted(unknown)}")
        return self


class QuestionSet(Thresholds):
    """A risk matrix: its questions and the scores at which risk is medium or high."""

    questions: list[Question] = Field(min_length=1, max_length=40)


class Scored(BaseModel):
    score: int
    level: RiskLevel


class InvalidAnswers(ValueError):
    """Answers that do not fit the question set; ``problems`` maps question id to the reason."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def score(question_set: QuestionSet, answers: dict[str, str]) -> Scored:
    """Score answers against a question set. Unanswered questions score nothing."""
    by_id = {q.id: q for q in question_set.questions}
    problems: dict[str, str] = {}
    for qid, answer in answers.items():
        question = by_id.get(qid)
        if question is None:
            problems[qid] = "no such question"
        elif answer not in question.answers:
            problems[qid] = f"answer must be one of {sorted(question.answers)}"
    if problems:
        raise InvalidAnswers(problems)
    total = sum(by_id[qid].answers[a] for qid, a in answers.items())
    forced = any(a in by_id[qid].high_if for qid, a in answers.items())
    if forced or total >= question_set.high_from:
        level = RiskLevel.HIGH
    elif total >= question_set.medium_from:
        level = RiskLevel.MEDIUM
    else:
        level = RiskLevel.STANDARD
    return Scored(score=total, level=level)


_YES_NO = {"yes": 2, "no": 0}

DEFAULT_QUESTION_SET = QuestionSet(
    questions=[
        Question(
            id="feels_unsafe",
            text="Do you feel unsafe in your home or when you leave it?",
            answers=_YES_NO,
        ),
        Question(
            id="threatened",
            text="Have you been threatened with violence or attacked?",
            answers={"yes": 4, "no": 0},
            high_if=["yes"],
        ),
        Question(
            id="targeted_for_who_you_are",
            text="Do you think you are targeted because of who you are (race, religion, disability, sexuality, gender identity)?",
            answers={"yes": 4, "no": 0},
            high_if=["yes"],
        ),
        Question(
            id="health_affected",
            text="Is this affecting your physical or mental health?",
            answers={"yes": 2, "some": 1, "no": 0},
        ),
        Question(
            id="disability_or_illness",
            text="Do you or anyone in your household have a disability or long-term illness?",
            answers=_YES_NO,
        ),
        Question(
            id="children_or_older_people",
            text="Are there children or people over 65 in your household?",
            answers={"yes": 1, "no": 0},
        ),
        Question(
            id="child_at_risk",
            text="Is a child or an adult at risk of harm?",
            answers={"yes": 5, "no": 0},
            high_if=["yes"],
        ),
        Question(
            id="reported_before",
            text="Have you reported this problem before?",
            answers={"yes": 1, "no": 0},
        ),
        Question(
            id="isolated",
            text="Do you have no one to support you (family, friends, neighbours)?",
            answers=_YES_NO,
        ),
        Question(
            id="considering_moving",
            text="Are you thinking of moving because of this?",
            answers={"yes": 2, "no": 0},
        ),
    ],
    medium_from=4,
    high_from=8,
)
DEFAULT_VERSION = 0
"""The version number under which the built-in question set is recorded."""
