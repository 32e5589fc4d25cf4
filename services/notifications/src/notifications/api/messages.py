"""Staff view of messages and their delivery status."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth import Principal, Role, require_roles
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep
from fastapi import APIRouter, Depends, Query
from sqlalchemy import select

from ..models import Message
from ..schemas import MessageOut

router = APIRouter(
    prefix="/v1/messages",
    tags=["messages"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)

Staff = Annotated[Principal, Depends(require_roles(Role.OFFICER, Role.TEAM_LEADER, Role.ADMIN))]


@router.get("", response_model=Page[MessageOut])
async def messages(
    principal: Staff,
    db: DbDep,
    case_id: uuid.UUID | None = None,
    reference: Annotated[str | None, Query(max_length=32)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[MessageOut]:
    """Messages of the caller's organisation, newest first, by case or reference."""
    query = select(Message).where(Message.organisation_id == principal.organisation_id)
    if case_id:
        query = query.where(Message.case_id == case_id)
    if reference:
        query = query.where(Message.reference == reference)
    if cursor:
        query = query.where(Message.id < cursor)
    async with db.sessions() as session:
        rows = list((await session.scalars(query.order_by(Message.id.desc()).limit(limit))).all())
    return page_of(rows, limit, MessageOut.model_validate, lambda m: m.id)
