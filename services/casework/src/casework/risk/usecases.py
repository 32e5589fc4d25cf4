"""Use cases of risk: assess the complainant's risk, read the history, publish the matrix."""

from __future__ import annotations

from dataclasses import dataclass

from asb_shared.usecase import Invalid, Problem, UnitOfWork
from sqlalchemy import select

from ..cases.store import OnCase, WhichCase, case_for_update, case_to_read, staff
from ..timeline.recording import acting
from .assessing import assess
from .models import RiskAssessment
from .question_sets import current_question_set, publish_question_set
from .scoring import InvalidAnswers, QuestionSet


async def reassess_risk(uow: UnitOfWork, command: OnCase[dict[str, str]]) -> RiskAssessment:
    """An officer re-assesses the complainant's risk (``body``: the answers) with the
    organisation's current matrix."""
    case = await case_for_update(uow, command.case_id)
    try:
        assessment = await assess(uow, case, command.body, assessed_by=acting(uow), at=uow.now())
    except InvalidAnswers as exc:
        raise Invalid(
            "Some answers do not fit the question set.",
            [Problem(f"answers.{k}", v, "invalid_answer") for k, v in exc.problems.items()],
        ) from exc
    if assessment is None:  # only a lenient assessment drops answers instead of refusing them
        raise RuntimeError("a strict assessment is always kept")
    await uow.session.flush()
    return assessment


async def risk_history(uow: UnitOfWork, query: WhichCase) -> list[RiskAssessment]:
    """Every assessment of the case, oldest first."""
    case = await case_to_read(uow, query.case_id)
    return list(
        await uow.session.scalars(
            select(RiskAssessment)
            .where(RiskAssessment.case_id == case.id)
            .order_by(RiskAssessment.assessed_at)
        )
    )


@dataclass(frozen=True)
class QuestionSetInForce:
    version: int
    definition: QuestionSet


@dataclass(frozen=True)
class CurrentQuestionSet:
    """Which risk matrix applies now (to the acting organisation)."""


async def question_set_in_force(uow: UnitOfWork, query: CurrentQuestionSet) -> QuestionSetInForce:
    """The risk matrix in force for the acting organisation (version 0 is the default)."""
    version, definition = await current_question_set(uow.session, staff(uow).organisation_id)
    return QuestionSetInForce(version, definition)


@dataclass(frozen=True)
class PublishQuestionSet:
    question_set: QuestionSet


async def publish(uow: UnitOfWork, command: PublishQuestionSet) -> QuestionSetInForce:
    """Publish a new version of the acting organisation's risk matrix."""
    row = await publish_question_set(
        uow.session, staff(uow).organisation_id, command.question_set, acting(uow)
    )
    return QuestionSetInForce(row.version, command.question_set)
