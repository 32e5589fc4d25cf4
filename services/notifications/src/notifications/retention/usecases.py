"""Use cases of retention in notifications."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.erasure import scrub
from asb_shared.usecase import UnitOfWork
from sqlalchemy import delete, select

from ..contacts.models import CaseRow, ContactRecordRow
from ..messages.models import Message


@dataclass(frozen=True)
class ForgetCase:
    """Casework says the case reached the end of its retention period."""

    case_id: uuid.UUID


async def forget_case(uow: UnitOfWork, command: ForgetCase) -> None:
    """The case's contact records, its messages (bodies and addresses) and what notifications
    knew of the case go."""
    await uow.session.execute(delete(Message).where(Message.case_id == command.case_id))
    await uow.session.execute(
        delete(ContactRecordRow).where(ContactRecordRow.case_id == command.case_id)
    )
    await uow.session.execute(delete(CaseRow).where(CaseRow.case_id == command.case_id))


@dataclass(frozen=True)
class ForgetPeople:
    """An officer granted these people's request to erase their personal data."""

    person_ids: list[uuid.UUID]


async def forget_people(uow: UnitOfWork, command: ForgetPeople) -> None:
    """Their contact records and every message to them (its address and body) go, and any
    other text that quotes their details (the published events included)."""
    ids = command.person_ids
    records = await uow.session.scalars(
        select(ContactRecordRow.record).where(ContactRecordRow.person_id.in_(ids))
    )
    details = [r.get(k) for r in records for k in ("name", "email", "phone", "address")]
    details += list(
        await uow.session.scalars(select(Message.address).where(Message.person_id.in_(ids)))
    )
    await uow.session.execute(delete(Message).where(Message.person_id.in_(ids)))
    await uow.session.execute(delete(ContactRecordRow).where(ContactRecordRow.person_id.in_(ids)))
    await scrub(uow.session, details)
