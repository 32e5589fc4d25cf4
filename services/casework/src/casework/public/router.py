"""A landlord's public page data: its name, what it does not treat as ASB, its service
standards in working days, the Community Trigger threshold and its risk questions.

Public, read-only and unauthenticated: a resident's browser or app shows these before a report
is made. Only what a landlord publishes anyway is here (no officer, case or policy detail
beyond the numbers it promises); an unknown or inactive landlord is a plain 404.
"""

from __future__ import annotations

import uuid

from asb_shared.errors import ApiError, ErrorResponse
from asb_shared.organisations import organisations
from asb_shared.service import WorkDep
from fastapi import APIRouter, Path
from pydantic import BaseModel
from sqlalchemy import select

from ..policy.store import current_version, policy_at
from ..risk.question_sets import current_question_set
from ..triage.not_asb import NOT_ASB_RULES, PARKING_ADVICE

router = APIRouter(tags=["public"])


class NotAsb(BaseModel):
    label: str
    advice: str


class Standards(BaseModel):
    """The service standards, in working days."""

    first_contact: int
    priority_first_contact: int
    """For hate incidents and domestic abuse (0: the same working day)."""
    action_plan: int
    case_update: int


class CommunityTriggerThreshold(BaseModel):
    reports: int
    within_months: int


class RiskQuestion(BaseModel):
    id: str
    text: str
    answers: list[str]


class LandlordPublic(BaseModel):
    organisation_id: uuid.UUID
    name: str
    reference_prefix: str
    phone: str | None
    out_of_hours_phone: str | None
    not_asb: list[NotAsb]
    standards: Standards
    community_trigger: CommunityTriggerThreshold
    risk_questions: list[RiskQuestion]


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
        row = (
            await uow.session.execute(
                select(organisations.c.id, organisations.c.name, organisations.c.reference_prefix)
                .where(organisations.c.reference_prefix == reference_prefix.upper())
                .where(organisations.c.active)
            )
        ).first()
        if row is None:
            raise ApiError(404, "not_found", "No landlord has this address.")
        policy = await policy_at(uow.session, row.id, await current_version(uow.session, row.id))
        _, questions = await current_question_set(uow.session, row.id)
    priority = policy.priority_first_contact
    return LandlordPublic(
        organisation_id=row.id,
        name=row.name,
        reference_prefix=row.reference_prefix,
        phone=policy.public_contact.phone,
        out_of_hours_phone=policy.public_contact.out_of_hours_phone,
        not_asb=[
            *(NotAsb(label=r.label, advice=r.advice) for r in NOT_ASB_RULES),
            NotAsb(label="parking", advice=PARKING_ADVICE),
        ],
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
