"""The complainant's risk on a case, and the organisation's risk matrix."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import Admin, CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import NOT_FOUND, STAFF_ERRORS
from ..cases.store import OnCase, WhichCase
from . import usecases
from .schemas import QuestionSetOut, RiskAssessmentIn, RiskAssessmentOut
from .scoring import QuestionSet

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.post(
    "/v1/cases/{case_id}/risk-assessments",
    status_code=201,
    response_model=RiskAssessmentOut,
    responses=NOT_FOUND,
)
async def reassess(
    case_id: uuid.UUID, body: RiskAssessmentIn, principal: CaseStaff, work: WorkDep
) -> RiskAssessmentOut:
    """An officer re-assesses the complainant's risk with the organisation's current matrix."""
    async with work(principal) as uow:
        assessment = await usecases.reassess_risk(uow, OnCase(case_id, body.answers))
    return RiskAssessmentOut.model_validate(assessment)


@router.get(
    "/v1/cases/{case_id}/risk-assessments",
    response_model=list[RiskAssessmentOut],
    responses=NOT_FOUND,
)
async def risk_history(
    case_id: uuid.UUID, principal: CaseStaff, work: WorkDep
) -> list[RiskAssessmentOut]:
    """Every assessment of the case, oldest first."""
    async with work(principal) as uow:
        rows = await usecases.risk_history(uow, WhichCase(case_id))
    return [RiskAssessmentOut.model_validate(r) for r in rows]


@router.get("/v1/risk-question-set", response_model=QuestionSetOut)
async def question_set(principal: CaseStaff, work: WorkDep) -> QuestionSetOut:
    """The risk matrix in force for the caller's organisation (version 0 is the default)."""
    async with work(principal) as uow:
        found = await usecases.question_set_in_force(uow, usecases.CurrentQuestionSet())
    return QuestionSetOut(version=found.version, definition=found.definition)


@router.put("/v1/risk-question-set", response_model=QuestionSetOut, status_code=201)
async def put_question_set(body: QuestionSet, principal: Admin, work: WorkDep) -> QuestionSetOut:
    """Publish a new version of the organisation's risk matrix."""
    async with work(principal) as uow:
        published = await usecases.publish(uow, usecases.PublishQuestionSet(body))
    return QuestionSetOut(version=published.version, definition=published.definition)
