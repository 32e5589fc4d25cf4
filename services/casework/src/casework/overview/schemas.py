"""A case overview: each part as its own endpoint answers it."""

from __future__ import annotations

from pydantic import BaseModel

from ..casefile.schemas import CaseDetail
from ..contacts.schemas import ContactOut
from ..evidence.schemas import EvidenceOut
from ..interventions.schemas import InterventionOut
from ..lifecycle.schemas import CorroborationOut
from ..people.schemas import CasePeopleOut
from ..plans.schemas import ActionPlanOut
from ..referrals.schemas import ReferralOut
from ..risk.schemas import QuestionSetOut, RiskAssessmentOut
from ..timeline.schemas import TimelineOut
from ..trigger.schemas import CaseTriggerOut


class CaseOverviewOut(BaseModel):
    """``GET /v1/cases/{id}`` and, beside it, what each of the case's listings answers (the
    newest 200 records of each kind, newest first; the timeline and risk assessments oldest
    first, whole)."""

    case: CaseDetail
    timeline: list[TimelineOut]
    risk_assessments: list[RiskAssessmentOut]
    question_set: QuestionSetOut
    action_plans: list[ActionPlanOut]
    contacts: list[ContactOut]
    interventions: list[InterventionOut]
    evidence: list[EvidenceOut]
    referrals: list[ReferralOut]
    corroboration_attempts: list[CorroborationOut]
    people: CasePeopleOut
    community_trigger: CaseTriggerOut
