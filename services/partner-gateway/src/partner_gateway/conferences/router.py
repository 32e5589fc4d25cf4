"""Officers schedule case conferences, agree actions and watch for overdue ones."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from asb_shared.auth.groups import CaseStaff
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from ..agreements.rules import uk_today
from .models import ConferenceAction
from .rules import is_overdue
from .usecases import (
    ActionsOfCase,
    AgreeAction,
    AgreeConferenceAction,
    Schedule,
    ScheduleConference,
    actions_of_case,
    actions_of_conference,
    agree_action,
    conference_of,
    schedule,
)

router = APIRouter(
    tags=["case conferences"],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
)


class ActionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    conference_id: uuid.UUID
    case_id: uuid.UUID
    description: str
    owner_partner_id: uuid.UUID | None
    owner_name: str
    due_on: date
    status: str
    updates: list[dict[str, Any]]
    completed_at: datetime | None
    overdue: bool = False


def action_out(action: ConferenceAction, today: date) -> ActionOut:
    out = ActionOut.model_validate(action)
    out.overdue = is_overdue(action.status, action.due_on, today)
    return out


class ConferenceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    title: str
    scheduled_at: datetime
    location: str
    agenda: list[str]
    scheduled_by: str


class ConferenceDetail(ConferenceOut):
    actions: list[ActionOut] = []


@router.post("/v1/cases/{case_id}/conferences", status_code=201, response_model=ConferenceOut)
async def create(
    case_id: uuid.UUID, body: Schedule, principal: CaseStaff, work: WorkDep
) -> ConferenceOut:
    """Schedule a multi-agency case conference and invite partners the case is shared with."""
    async with work(principal) as uow:
        command = ScheduleConference(
            case_id, body.title, body.scheduled_at, body.location, body.agenda, body.invite
        )
        return ConferenceOut.model_validate(await schedule(uow, command))


@router.get("/v1/conferences/{conference_id}", response_model=ConferenceDetail)
async def show(conference_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> ConferenceDetail:
    async with work(principal) as uow:
        conference = await conference_of(uow, conference_id)
        today = uk_today(uow.now())
        actions = [action_out(a, today) for a in await actions_of_conference(uow, conference.id)]
        return ConferenceDetail(
            **ConferenceOut.model_validate(conference).model_dump(), actions=actions
        )


@router.post("/v1/conferences/{conference_id}/actions", status_code=201, response_model=ActionOut)
async def add_action(
    conference_id: uuid.UUID, body: AgreeAction, principal: CaseStaff, work: WorkDep
) -> ActionOut:
    """Record an action agreed at the conference, with its owning agency and due date."""
    async with work(principal) as uow:
        command = AgreeConferenceAction(
            conference_id, body.description, body.due_on, body.owner_partner_id, body.owner_name
        )
        return action_out(await agree_action(uow, command), uk_today(uow.now()))


@router.get("/v1/cases/{case_id}/conference-actions", response_model=list[ActionOut])
async def case_actions(
    case_id: uuid.UUID, principal: CaseStaff, work: WorkDep, overdue_only: bool = False
) -> list[ActionOut]:
    """The case's conference actions, soonest due first, each flagged if overdue."""
    async with work(principal) as uow:
        today = uk_today(uow.now())
        actions = await actions_of_case(uow, ActionsOfCase(case_id, overdue_only))
        return [action_out(a, today) for a in actions]
