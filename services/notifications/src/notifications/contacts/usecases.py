"""Use cases of the contact projection: keep each complainant's latest contact record.

Casework owns the records; notifications keeps the highest ``version`` it has seen per
(case, person), so a late or repeated event never undoes an officer's later change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.contracts import Contact, ContactPreferences, ContactRecord
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from .models import CaseRow, ContactRecordRow

_LEGACY = uuid.UUID("3b0b7f6e-8f1e-4d5c-9a51-0c1f3c0a7e11")


@dataclass(frozen=True)
class RecordContact:
    case_id: uuid.UUID
    record: ContactRecord
    wishes_unknown: bool = False


@dataclass(frozen=True)
class RecordCase:
    case_id: uuid.UUID
    case_reference: str
    route: str | None = None
    officer_id: str | None = None
    officer_name: str | None = None


def legacy_record(
    case_id: uuid.UUID, report_id: uuid.UUID, report_reference: str, contact: Contact | None
) -> ContactRecord:
    """The record of a complainant announced by a version-1 event, whose contact wishes came
    as free text that cannot be trusted to a machine: wishes unknown, so most careful (no
    channel is marked safe; every message becomes a task for the officer)."""
    return ContactRecord(
        person_id=uuid.uuid5(_LEGACY, f"{case_id}:{report_id}"),
        report_reference=report_reference,
        name=contact.name if contact else None,
        preferences=ContactPreferences(careful=True),
        version=0,
    )


def contact_upsert(
    organisation_id: uuid.UUID, command: RecordContact
) -> ReturningInsert[uuid.UUID]:
    """The statement that keeps the record if it is newer than the one held (returning its
    person when it was kept)."""
    values = {
        "case_id": command.case_id,
        "person_id": command.record.person_id,
        "organisation_id": organisation_id,
        "version": command.record.version,
        "record": command.record.model_dump(mode="json"),
        "wishes_unknown": command.wishes_unknown,
    }
    statement = insert(ContactRecordRow).values(**values)
    return statement.on_conflict_do_update(
        index_elements=[ContactRecordRow.case_id, ContactRecordRow.person_id],
        set_={k: statement.excluded[k] for k in ("version", "record", "wishes_unknown")},
        where=ContactRecordRow.version < statement.excluded.version,
    ).returning(ContactRecordRow.person_id)


async def record_contact(uow: UnitOfWork, command: RecordContact) -> bool:
    """Keep the record if it is newer than the one held; True if it was kept."""
    upsert = contact_upsert(uow.envelope.organisation_id, command)
    return (await uow.session.execute(upsert)).first() is not None


def case_upsert(organisation_id: uuid.UUID, command: RecordCase) -> Insert:
    """The statement that remembers a case's reference and route, and its officer once one is
    assigned."""
    values = {
        "case_id": command.case_id,
        "organisation_id": organisation_id,
        "case_reference": command.case_reference,
        "route": command.route,
        "officer_id": command.officer_id,
        "officer_name": command.officer_name,
    }
    statement = insert(CaseRow).values(**values)
    updates = {"case_reference": statement.excluded.case_reference}
    if command.route is not None:
        updates["route"] = statement.excluded.route
    if command.officer_id is not None:
        updates["officer_id"] = statement.excluded.officer_id
        updates["officer_name"] = statement.excluded.officer_name
    return statement.on_conflict_do_update(index_elements=[CaseRow.case_id], set_=updates)


async def record_case(uow: UnitOfWork, command: RecordCase) -> None:
    """Remember a case's reference and route; its officer once one is assigned."""
    await uow.session.execute(case_upsert(uow.envelope.organisation_id, command))


async def complainants(session: AsyncSession, case_id: uuid.UUID) -> list[ContactRecordRow]:
    return list(
        (
            await session.scalars(
                select(ContactRecordRow)
                .where(ContactRecordRow.case_id == case_id)
                .order_by(ContactRecordRow.person_id)
            )
        ).all()
    )


async def contact_of(
    session: AsyncSession, case_id: uuid.UUID, person_id: uuid.UUID
) -> ContactRecord | None:
    row = await session.get(ContactRecordRow, (case_id, person_id), populate_existing=True)
    return ContactRecord.model_validate(row.record) if row is not None else None


async def case_of(session: AsyncSession, case_id: uuid.UUID) -> CaseRow | None:
    return await session.get(CaseRow, case_id, populate_existing=True)
