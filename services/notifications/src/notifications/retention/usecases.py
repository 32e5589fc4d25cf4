"""Use cases of retention in notifications."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from asb_shared.erasure import scrub
from asb_shared.organisations import organisations
from asb_shared.retention import Ending, RecordType, Trigger, latest_start
from asb_shared.retention_schedules import not_held, schedule_of
from asb_shared.usecase import UnitOfWork
from sqlalchemy import delete, func, select, true, update

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


@dataclass(frozen=True)
class ExpireMessages:
    """One batch of the messages whose retention period has ended on ``on``."""

    on: date
    batch: int = 200


async def expire_messages(uow: UnitOfWork, command: ExpireMessages) -> int:
    """Each landlord's messages past its schedule's ``message`` period (from when they were
    sent, or made if never sent) go, or lose their address, subject, fields and body when the
    schedule says pseudonymise; a message of a case under a legal hold stays. Claimed
    ``FOR UPDATE SKIP LOCKED``: any number of workers. Returns how many."""
    done = 0
    for organisation_id in await uow.session.scalars(select(organisations.c.id)):
        schedule = await schedule_of(uow.session, organisation_id)
        rule = schedule.rule(RecordType.MESSAGE)
        column = _DATED.get(rule.after)
        if column is None:
            continue  # a message has no closure or outcome to count from
        edge = latest_start(schedule, RecordType.MESSAGE, command.on)
        ids = list(
            await uow.session.scalars(
                select(Message.id)
                .where(
                    Message.organisation_id == organisation_id,
                    column < datetime.combine(edge + timedelta(days=1), time(), UTC),
                    not_held(Message.case_id),
                    Message.body.is_not(None) | (Message.address.is_not(None))
                    if rule.then is Ending.PSEUDONYMISE
                    else true(),
                )
                .limit(command.batch - done)
                .with_for_update(skip_locked=True)
            )
        )
        if not ids:
            continue
        if rule.then is Ending.DELETE:
            await uow.session.execute(delete(Message).where(Message.id.in_(ids)))
        else:
            await uow.session.execute(
                update(Message)
                .where(Message.id.in_(ids))
                .values(address=None, subject=None, body=None, values={}, task=None)
            )
        done += len(ids)
        if done >= command.batch:
            break
    return done


_DATED = {
    Trigger.SENT: func.coalesce(Message.sent_at, Message.created_at),
    Trigger.CREATED: Message.created_at,
}
