"""Scoring a complainant's risk answers on a case and keeping the assessment (from the report at intake, or an officer's)."""

from __future__ import annotations

from datetime import datetime

from asb_shared.usecase import UnitOfWork

from ..cases.models import Case
from ..standards import timers
from ..timeline.recording import record
from .models import RiskAssessment
from .question_sets import current_question_set
from .scoring import InvalidAnswers, score


async def assess(
    uow: UnitOfWork,
    case: Case,
    answers: dict[str, str],
    *,
    assessed_by: str,
    at: datetime,
    strict: bool = True,
) -> RiskAssessment | None:
    """Score answers with the organisation's current question set, keep the assessment, and
    apply its level to the case. With ``strict=False`` (answers from intake) answers that do
    not fit are dropped rather than refused; strictly, they raise InvalidAnswers."""
    version, question_set = await current_question_set(uow.session, case.organisation_id)
    if not strict:
        by_id = {q.id: q for q in question_set.questions}
        answers = {k: v for k, v in answers.items() if k in by_id and v in by_id[k].answers}
        if not answers:
            return None
    try:
        scored = score(question_set, answers)
    except InvalidAnswers:
        if strict:
            raise
        return None
    assessment = RiskAssessment(
        case_id=case.id,
        organisation_id=case.organisation_id,
        question_set_version=version,
        answers=answers,
        score=scored.score,
        level=scored.level.value,
        assessed_by=assessed_by,
    )
    uow.session.add(assessment)
    previous = case.risk_level
    case.risk_level = scored.level.value
    await record(
        uow,
        case,
        actor=assessed_by,
        kind="risk_assessed",
        summary=f"Risk assessed as {scored.level.value} (score {scored.score}, question set v{version})",
        data={"score": scored.score, "level": scored.level.value, "previous": previous},
    )
    if previous != case.risk_level:
        await timers.on_risk_changed(uow.session, case, case.risk_level, at)
    await timers.on_risk_assessed(uow.session, case, at)
    return assessment
