"""Invited partners see the agenda and the case (redacted) and update the actions they own."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from asb_shared.usecase import UnitOfWork
from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..agreements.rules import Scope
from ..audit.log import record
from ..credentials.caller import CALLER_ERRORS, PartnerCaller, partner_caller, partner_work
from ..idempotency.keys import IdempotencyKeyHeader
from ..protection.writes import partner_write
from .router import ActionOut, ConferenceOut, action_out
from .usecases import (
    ConferenceFor,
    UpdateAction,
    UpdatePartnerAction,
    invited_conferences,
    partner_conference,
    update_action,
)

router = APIRouter(
    prefix="/partner/v1",
    tags=["partner API: case conferences"],
    responses=CALLER_ERRORS | {404: {"model": ErrorResponse}},
)

Reader = Annotated[PartnerCaller, Depends(partner_caller(Scope.CONFERENCES, "read"))]
Writer = Annotated[PartnerCaller, Depends(partner_caller(Scope.CONFERENCES, "write"))]


class PartnerActionOut(ActionOut):
    yours: bool = False
    """Whether your agency owns the action (and so may update it)."""


class PartnerConferenceOut(ConferenceOut):
    case: dict[str, Any]
    actions: list[PartnerActionOut]


@router.get("/conferences", response_model=list[ConferenceOut])
async def index(caller: Reader, work: WorkDep) -> list[ConferenceOut]:
    """Conferences you are invited to."""
    async with partner_work(work, caller, "read") as uow:
        return [ConferenceOut.model_validate(c) for c in await invited_conferences(uow, caller)]


@router.get("/conferences/{conference_id}", response_model=PartnerConferenceOut)
async def show(conference_id: uuid.UUID, caller: Reader, work: WorkDep) -> PartnerConferenceOut:
    """The agenda, the case as your agreement lets you see it, and the actions."""
    async with partner_work(work, caller, "read") as uow:
        found = await partner_conference(uow, ConferenceFor(caller, conference_id))
        await record(
            uow.session,
            caller.who,
            action="read",
            resource=caller.resource,
            outcome="allowed",
            status_code=200,
            case_id=found.conference.case_id,
            fields=found.case.fields,
        )
    return PartnerConferenceOut(
        **ConferenceOut.model_validate(found.conference).model_dump(),
        case={**found.case.data, "withheld": list(found.case.withheld)},
        actions=[
            PartnerActionOut(
                **action_out(a, caller.today).model_dump(),
                yours=a.owner_partner_id == caller.partner_id,
            )
            for a in found.actions
        ],
    )


@router.post("/conference-actions/{action_id}/updates", response_model=ActionOut)
async def update(
    action_id: uuid.UUID,
    body: UpdateAction,
    caller: Writer,
    work: WorkDep,
    idempotency_key: IdempotencyKeyHeader,
) -> JSONResponse:
    """Update an action your agency owns (in progress, done) with a note."""

    async def run(uow: UnitOfWork) -> tuple[BaseModel, uuid.UUID | None, uuid.UUID | None]:
        command = UpdatePartnerAction(caller, action_id, body.status, body.note)
        action = await update_action(uow, command)
        return action_out(action, caller.today), action.case_id, None

    return await partner_write(
        work, caller, idempotency_key, body, run, status_code=200, path=f"action:{action_id}"
    )
