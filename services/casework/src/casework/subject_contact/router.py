"""The complainant's agreement before the subject is contacted."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CONFLICT, STAFF_ERRORS
from ..casefile.schemas import CaseDetail
from ..cases.store import OnCase
from ..fields import DecisionReason, Strict
from . import usecases
from .rules import SubjectContact

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


class SubjectContactIn(Strict):
    decision: SubjectContact
    """agreed or refused (the complainant's answer), or overridden (a team leader only)."""
    reason: DecisionReason


@router.post("/v1/cases/{case_id}/subject-contact", response_model=CaseDetail, responses=CONFLICT)
async def subject_contact(
    case_id: uuid.UUID, body: SubjectContactIn, principal: CaseStaff, work: WorkDep
) -> CaseDetail:
    """Record whether the complainant agrees to the subject being contacted (or a team leader's
    override, with a reason). Contacts with the subject are refused (409) until one allows it."""
    async with work(principal) as uow:
        decided = await usecases.decide_subject_contact(
            uow,
            OnCase(case_id, usecases.SubjectContactDecision(body.decision, body.reason)),
        )
    return CaseDetail.of(decided)
