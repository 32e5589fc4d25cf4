"""A case overview: the case and every record it is worked from, in one answer."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import NOT_FOUND, STAFF_ERRORS
from ..casefile.schemas import CaseDetail
from ..contacts.schemas import ContactOut
from ..evidence.schemas import EvidenceOut
from ..interventions.schemas import InterventionOut
from ..lifecycle.schemas import CorroborationOut
from ..people.schemas import CasePeopleOut
from ..plans.schemas import ActionPlanOut
from ..reads.recording import ReadingCase
from ..reads.router import ReadReason
from ..referrals.schemas import ReferralOut
from ..risk.schemas import QuestionSetOut, RiskAssessmentOut
from ..timeline.schemas import TimelineOut
from ..trigger.schemas import CaseTriggerOut
from . import usecases
from .schemas import CaseOverviewOut

router = APIRouter(tags=["cases"], responses=STAFF_ERRORS)


@router.get("/v1/cases/{case_id}/overview", response_model=CaseOverviewOut, responses=NOT_FOUND)
async def case_overview(
    case_id: uuid.UUID, principal: CaseStaff, work: WorkDep, reason: ReadReason = None
) -> CaseOverviewOut:
    """The case with its timeline, risk assessments and the risk question set in force, action
    plans, contacts, interventions, evidence register, referrals, attempts to corroborate, the
    people and places it shares with other cases, and its Community Trigger flag: what a member
    of staff works the case from, in one read (the same as the case's endpoints answer one by
    one). Another organisation's case is not found; the reads the case's own endpoints audit
    (a careful case, the evidence register) are audited, with the reason given."""
    async with work(principal) as uow:
        found = await usecases.case_overview(uow, ReadingCase(case_id, reason))
    return CaseOverviewOut(
        case=CaseDetail.of(found.case),
        timeline=[TimelineOut.model_validate(r) for r in found.timeline],
        risk_assessments=[RiskAssessmentOut.model_validate(r) for r in found.risk_assessments],
        question_set=QuestionSetOut(
            version=found.question_set.version, definition=found.question_set.definition
        ),
        action_plans=[ActionPlanOut.model_validate(r) for r in found.action_plans],
        contacts=[ContactOut.model_validate(r) for r in found.contacts],
        interventions=[InterventionOut.model_validate(r) for r in found.interventions],
        evidence=[EvidenceOut.model_validate(r) for r in found.evidence],
        referrals=[ReferralOut.model_validate(r) for r in found.referrals],
        corroboration_attempts=[
            CorroborationOut.model_validate(r) for r in found.corroboration_attempts
        ],
        people=CasePeopleOut.model_validate(found.people),
        community_trigger=CaseTriggerOut.of(found.community_trigger),
    )
