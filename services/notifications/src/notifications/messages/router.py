"""Staff API: messages and their channel decisions, a case's history, my in-app inbox."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth.groups import CaseStaff, LandlordStaff
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter, Query

from .models import Status
from .queries import FindMessages, MyInbox, find_messages, my_inbox
from .schemas import MessageOut

router = APIRouter(
    tags=["messages"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)


@router.get("/v1/messages", response_model=Page[MessageOut])
async def messages(
    principal: CaseStaff,
    work: WorkDep,
    case_id: uuid.UUID | None = None,
    reference: Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9-]+$")] = None,
    status: Status | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[MessageOut]:
    """Messages of the caller's organisation, newest first, by case, reference or status."""
    async with work(principal) as uow:
        rows = await find_messages(
            uow,
            FindMessages(case_id, reference, status.value if status else None, limit, cursor),
        )
    return page_of(rows, limit, MessageOut.of, lambda m: m.id)


@router.get("/v1/cases/{case_id}/messages", response_model=Page[MessageOut])
async def case_messages(
    case_id: uuid.UUID,
    principal: CaseStaff,
    work: WorkDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[MessageOut]:
    """A case's message history: every message, its channel decisions and their reasons."""
    async with work(principal) as uow:
        rows = await find_messages(uow, FindMessages(case_id=case_id, limit=limit, cursor=cursor))
    return page_of(rows, limit, MessageOut.of, lambda m: m.id)


@router.get("/v1/inbox", response_model=Page[MessageOut])
async def inbox(
    principal: LandlordStaff, work: WorkDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[MessageOut]:
    """In-app messages for me: alerts, tasks and reminders (team leaders see the team's too)."""
    async with work(principal) as uow:
        rows = await my_inbox(uow, MyInbox(limit, cursor))
    return page_of(rows, limit, MessageOut.of, lambda m: m.id)
