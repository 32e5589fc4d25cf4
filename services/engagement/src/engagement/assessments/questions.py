"""The needs assessment, with no I/O: a versioned question set per organisation, scored by area.

Like casework's risk matrix: each organisation may publish its own question set (a new version
never changes an old one, so an assessment is always read against the set it was made with);
until it does, the default below applies. Each area that drives behaviour has its questions;
an answer carries points; an area's total is its score, compared with the area's thresholds to
give a level of need.
"""

from __future__ import annotations

from enum import StrEnum

from asb_shared.questionnaires import ScoredQuestion, Thresholds
from pydantic import BaseModel, ConfigDict, Field


class Area(StrEnum):
    DRUGS = "drugs"
    ALCOHOL = "alcohol"
    MENTAL_HEALTH = "mental_health"
    ANGER = "anger"
    PHYSICAL_HEALTH = "physical_health"
    FINANCES_AND_DEBT = "finances_and_debt"
    TENANCY_AND_HOME = "tenancy_and_home"
    RELATIONSHIPS_AND_FAMILY = "relationships_and_family"
    OFFENDING = "offending"
    EDUCATION_AND_WORK = "education_and_work"


class Need(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


Question = ScoredQuestion
"""An assessment question: the platform's scored question, as it is."""


class AreaQuestions(Thresholds):
    """An area's questions and the scores at which its need is medium or high."""

    questions: list[ScoredQuestion] = Field(min_length=1, max_length=20)


class QuestionSet(BaseModel):
    """The questions of every area the assessment covers."""

    model_config = ConfigDict(extra="forbid")

    areas: dict[Area, AreaQuestions] = Field(min_length=1)


class AreaScore(BaseModel):
    score: int
    need: Need


class InvalidAnswers(ValueError):
    """Answers that do not fit the question set; ``problems`` maps a field path to the reason."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def score(question_set: QuestionSet, answers: dict[str, dict[str, str]]) -> dict[Area, AreaScore]:
    """Score each area answered. Unknown areas, questions or answers are refused, by field."""
    problems: dict[str, str] = {}
    scored: dict[Area, AreaScore] = {}
    for area_name, area_answers in answers.items():
        field = f"answers.{area_name}"
        if area_name not in Area._value2member_map_:
            problems[field] = (
                f"unknown assessment area; areas are {', '.join(a.value for a in Area)}"
            )
            continue
        area = Area(area_name)
        questions = question_set.areas.get(area)
        if questions is None:
            problems[field] = "this organisation's question set does not assess this area"
            continue
        by_id = {q.id: q for q in questions.questions}
        total = 0
        for qid, answer in area_answers.items():
            question = by_id.get(qid)
            if question is None:
                problems[f"{field}.{qid}"] = "no such question in this area"
            elif answer not in question.answers:
                problems[f"{field}.{qid}"] = f"answer must be one of {sorted(question.answers)}"
            else:
                total += question.answers[answer]
        need = (
            Need.HIGH
            if total >= questions.high_from
            else Need.MEDIUM
            if total >= questions.medium_from
            else Need.LOW
        )
        scored[area] = AreaScore(score=total, need=need)
    if problems:
        raise InvalidAnswers(problems)
    return scored


_FREQUENCY = {"never": 0, "sometimes": 1, "often": 2, "daily": 3}
_IMPACT = {"none": 0, "some": 1, "serious": 3}
_YES_NO = {"yes": 2, "no": 0}


def _area(*questions: Question, medium_from: int = 2, high_from: int = 4) -> AreaQuestions:
    return AreaQuestions(questions=list(questions), medium_from=medium_from, high_from=high_from)


DEFAULT_QUESTION_SET = QuestionSet(
    areas={
        Area.DRUGS: _area(
            Question(id="use", text="How often does the client use drugs?", answers=_FREQUENCY),
            Question(
                id="impact", text="How far does drug use affect their behaviour?", answers=_IMPACT
            ),
        ),
        Area.ALCOHOL: _area(
            Question(id="use", text="How often does the client drink heavily?", answers=_FREQUENCY),
            Question(
                id="impact", text="How far does drinking affect their behaviour?", answers=_IMPACT
            ),
        ),
        Area.MENTAL_HEALTH: _area(
            Question(id="concerns", text="Are there mental health concerns?", answers=_YES_NO),
            Question(
                id="in_treatment",
                text="Is the client receiving treatment or support?",
                answers={"yes": 0, "no": 2},
            ),
            Question(id="impact", text="How far does it affect daily life?", answers=_IMPACT),
        ),
        Area.ANGER: _area(
            Question(
                id="outbursts",
                text="How often does the client lose their temper with others?",
                answers=_FREQUENCY,
            ),
            Question(
                id="violence",
                text="Has anger led to threats or violence?",
                answers={"yes": 3, "no": 0},
            ),
        ),
        Area.PHYSICAL_HEALTH: _area(
            Question(
                id="conditions",
                text="Does a physical health condition limit the client?",
                answers=_YES_NO,
            ),
            Question(
                id="registered_gp",
                text="Is the client registered with a GP?",
                answers={"yes": 0, "no": 1},
            ),
        ),
        Area.FINANCES_AND_DEBT: _area(
            Question(id="rent_arrears", text="Is the client in rent arrears?", answers=_YES_NO),
            Question(
                id="other_debt", text="Does the client have other problem debt?", answers=_YES_NO
            ),
            Question(
                id="income",
                text="Is the client receiving the income they are entitled to?",
                answers={"yes": 0, "unsure": 1, "no": 2},
            ),
        ),
        Area.TENANCY_AND_HOME: _area(
            Question(
                id="tenancy_at_risk",
                text="Is legal action on the tenancy threatened or under way?",
                answers={"yes": 3, "no": 0},
            ),
            Question(id="condition", text="Is the home in a poor condition?", answers=_YES_NO),
        ),
        Area.RELATIONSHIPS_AND_FAMILY: _area(
            Question(
                id="conflict",
                text="Is there conflict with family, partner or neighbours?",
                answers=_YES_NO,
            ),
            Question(
                id="support_network",
                text="Does the client have someone to support them?",
                answers={"yes": 0, "no": 2},
            ),
        ),
        Area.OFFENDING: _area(
            Question(
                id="recent", text="Has the client offended in the last 12 months?", answers=_YES_NO
            ),
            Question(
                id="supervision",
                text="Is the client under probation or youth offending supervision?",
                answers={"yes": 1, "no": 0},
            ),
        ),
        Area.EDUCATION_AND_WORK: _area(
            Question(
                id="occupied",
                text="Is the client in work, training or education?",
                answers={"yes": 0, "no": 2},
            ),
            Question(
                id="literacy",
                text="Does the client need help with reading or writing?",
                answers={"yes": 1, "no": 0},
            ),
        ),
    }
)
DEFAULT_VERSION = 0
"""The version number under which the built-in question set is recorded."""
