"""A landlord's public page data: its name, what it does not treat as ASB, its service
standards in working days, the Community Trigger threshold and its risk questions.

Public, read-only and unauthenticated: a resident's browser or app shows these before a report
is made. Only what a landlord publishes anyway is here (no officer, case or policy detail
beyond the numbers it promises); an unknown or inactive landlord is a plain 404.
"""

from __future__ import annotations

from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter, Path

from .schemas import CommunityTriggerThreshold, LandlordPublic, NotAsb, RiskQuestion, Standards
from .usecases import FindLandlord, public_details

router = APIRouter(tags=["public"])


@router.get(
    "/v1/public/landlords/{reference_prefix}",
    response_model=LandlordPublic,
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)
async def landlord(
    work: WorkDep,
    reference_prefix: str = Path(pattern=r"^[A-Za-z]{2,6}$"),
) -> LandlordPublic:
    """A landlord's public details by its reference prefix (any case: ``etoe`` is ``ETOE``)."""
    async with work() as uow:
        found = await public_details(uow, FindLandlord(reference_prefix))
    policy, questions = found.policy, found.questions
    priority = policy.priority_first_contact
    return LandlordPublic(
        organisation_id=found.organisation_id,
        name=found.name,
        reference_prefix=found.reference_prefix,
        phone=policy.public_contact.phone,
        out_of_hours_phone=policy.public_contact.out_of_hours_phone,
        not_asb=[NotAsb(label=e.label, advice=e.advice) for e in policy.not_asb],
        standards=Standards(
            first_contact=policy.standards.first_contact,
            priority_first_contact=max(priority.hate_incident, priority.domestic_abuse),
            action_plan=policy.standards.action_plan,
            case_update=policy.standards.case_update,
        ),
        community_trigger=CommunityTriggerThreshold(
            reports=policy.community_trigger.reports,
            within_months=policy.community_trigger.within_months,
        ),
        risk_questions=[
            RiskQuestion(id=q.id, text=q.text, answers=list(q.answers)) for q in questions.questions
        ],
    )
