"""Reading a case whole: the case file and every record a member of staff works it from, each by
its own feature's use case, in one unit of work (one sign-in check, one transaction), so the
reads audited alone (a careful case, the evidence register) are audited here the same way."""

from __future__ import annotations

from dataclasses import dataclass

from asb_shared.usecase import UnitOfWork

from ..casefile.store import CaseWithReports
from ..casefile.usecases import read_case
from ..cases.models import Contact
from ..cases.store import PageOnCase, WhichCase, records_on_case
from ..evidence.models import Evidence
from ..evidence.usecases import EvidencePage, evidence_on_case
from ..interventions.models import Intervention
from ..lifecycle.models import CorroborationAttempt
from ..people.usecases import CasePeople, case_people
from ..plans.models import ActionPlan
from ..reads.recording import ReadingCase
from ..referrals.models import Referral
from ..risk.models import RiskAssessment
from ..risk.usecases import (
    CurrentQuestionSet,
    QuestionSetInForce,
    question_set_in_force,
    risk_history,
)
from ..timeline.models import TimelineEntry
from ..timeline.usecases import timeline_of
from ..trigger.usecases import CaseTrigger, trigger_on_case

RECORDS = 200
"""The newest records of each kind an overview holds (the listing's largest page); the
listings page on past them."""


@dataclass(frozen=True)
class CaseOverview:
    case: CaseWithReports
    timeline: list[TimelineEntry]
    risk_assessments: list[RiskAssessment]
    question_set: QuestionSetInForce
    action_plans: list[ActionPlan]
    contacts: list[Contact]
    interventions: list[Intervention]
    evidence: list[Evidence]
    referrals: list[Referral]
    corroboration_attempts: list[CorroborationAttempt]
    people: CasePeople
    community_trigger: CaseTrigger


async def case_overview(uow: UnitOfWork, query: ReadingCase) -> CaseOverview:
    """The case (another organisation's is not found before anything else is read) and its
    records, each as its own listing answers it."""
    case = await read_case(uow, query)
    which, case_id = WhichCase(query.case_id), query.case_id
    return CaseOverview(
        case=case,
        timeline=await timeline_of(uow, which),
        risk_assessments=await risk_history(uow, which),
        question_set=await question_set_in_force(uow, CurrentQuestionSet()),
        action_plans=await records_on_case(uow, PageOnCase(ActionPlan, case_id, RECORDS)),
        contacts=await records_on_case(uow, PageOnCase(Contact, case_id, RECORDS)),
        interventions=await records_on_case(uow, PageOnCase(Intervention, case_id, RECORDS)),
        evidence=await evidence_on_case(uow, EvidencePage(case_id, RECORDS, reason=query.reason)),
        referrals=await records_on_case(uow, PageOnCase(Referral, case_id, RECORDS)),
        corroboration_attempts=await records_on_case(
            uow, PageOnCase(CorroborationAttempt, case_id, RECORDS)
        ),
        people=await case_people(uow, which),
        community_trigger=await trigger_on_case(uow, which),
    )
