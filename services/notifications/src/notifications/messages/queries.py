"""Use cases that read messages for staff: by case or reference, and a person's own inbox."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.auth.groups import MANAGERS, PEO
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from .models import PEO_TEAM, TEAM_LEADERS, Message, RecipientType, Status


@dataclass(frozen=True)
class FindMessages:
    case_id: uuid.UUID | None = None
    reference: str | None = None
    status: str | None = None
    limit: int = 50
    cursor: uuid.UUID | None = None


async def find_messages(uow: UnitOfWork, query: FindMessages) -> list[Message]:
    """The organisation's messages, newest first, with their channel decisions."""
    assert uow.actor is not None
    statement = select(Message).where(Message.organisation_id == uow.actor.organisation_id)
    if query.case_id:
        statement = statement.where(Message.case_id == query.case_id)
    if query.reference:
        statement = statement.where(Message.reference == query.reference)
    if query.status:
        statement = statement.where(Message.status == query.status)
    if query.cursor:
        statement = statement.where(Message.id < query.cursor)
    return list(
        (await uow.session.scalars(statement.order_by(Message.id.desc()).limit(query.limit))).all()
    )


@dataclass(frozen=True)
class MyInbox:
    limit: int = 50
    cursor: uuid.UUID | None = None


async def my_inbox(uow: UnitOfWork, query: MyInbox) -> list[Message]:
    """In-app messages for the member of staff calling: their own, and their team's."""
    actor = uow.actor
    assert actor is not None
    mine = [actor.subject]
    if actor.has_any(MANAGERS):
        mine.append(TEAM_LEADERS)
    if actor.has_any(PEO):
        mine.append(PEO_TEAM)
    statement = select(Message).where(
        Message.organisation_id == actor.organisation_id,
        Message.recipient_type == RecipientType.STAFF.value,
        Message.recipient.in_(mine),
        Message.status == Status.DELIVERED.value,
    )
    if query.cursor:
        statement = statement.where(Message.id < query.cursor)
    return list(
        (await uow.session.scalars(statement.order_by(Message.id.desc()).limit(query.limit))).all()
    )
