"""The needs assessment API: PEOs assess; admins publish the organisation's question set."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import Admin, Peo, PeoOrAdmin
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter

from . import usecases
from .questions import QuestionSet
from .schemas import AssessmentIn, AssessmentOut, QuestionSetOut

router = APIRouter(
    tags=["needs assessments"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 409, 422)},
)


@router.post("/v1/clients/{client_id}/assessments", status_code=201, response_model=AssessmentOut)
async def assess(
    client_id: uuid.UUID, body: AssessmentIn, principal: Peo, work: WorkDep
) -> AssessmentOut:
    """Assess the client's needs (a reassessment adds a version; earlier ones are kept)."""
    async with work(principal) as uow:
        row = await usecases.assess(uow, usecases.Assess(client_id, body))
        return AssessmentOut.model_validate(row)


@router.get("/v1/clients/{client_id}/assessments", response_model=list[AssessmentOut])
async def assessments(client_id: uuid.UUID, principal: Peo, work: WorkDep) -> list[AssessmentOut]:
    """The client's assessments, newest first (the read is audited)."""
    async with work(principal) as uow:
        rows = await usecases.assessments_of(uow, client_id)
        return [AssessmentOut.model_validate(r) for r in rows]


@router.get("/v1/assessment-question-set", response_model=QuestionSetOut)
async def question_set(principal: PeoOrAdmin, work: WorkDep) -> QuestionSetOut:
    """The question set in force for the caller's organisation (version 0 is the default)."""
    async with work(principal) as uow:
        version, definition = await usecases.current_question_set(
            uow, usecases.CurrentQuestionSet()
        )
    return QuestionSetOut(version=version, definition=definition)


@router.put("/v1/assessment-question-set", status_code=201, response_model=QuestionSetOut)
async def put_question_set(body: QuestionSet, principal: Admin, work: WorkDep) -> QuestionSetOut:
    """Publish a new version of the organisation's question set."""
    async with work(principal) as uow:
        row = await usecases.publish_question_set(uow, body)
    return QuestionSetOut(version=row.version, definition=body)
