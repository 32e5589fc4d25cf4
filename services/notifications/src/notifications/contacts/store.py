"""The contact projection as stored: each case's reference, route and officer, and each
complainant's latest contact record (the highest ``version`` seen), written by one statement
each, built once (they run for every report), and read back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from asb_shared.contracts.casework import ContactRecord
from sqlalchemy import bindparam, case, func, select
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from .models import CaseRow, ContactRecordRow


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


def _contact_upsert() -> ReturningInsert[uuid.UUID]:
    statement = insert(ContactRecordRow).values(
        {c: bindparam(f"contact_{c}") for c in _CONTACT_COLUMNS}
    )
    return statement.on_conflict_do_update(
        index_elements=[ContactRecordRow.case_id, ContactRecordRow.person_id],
        set_={k: statement.excluded[k] for k in ("version", "record", "wishes_unknown")},
        where=ContactRecordRow.version < statement.excluded.version,
    ).returning(ContactRecordRow.person_id)


_CONTACT_COLUMNS = (
    "case_id",
    "person_id",
    "organisation_id",
    "version",
    "record",
    "wishes_unknown",
)
CONTACT_UPSERT = _contact_upsert()
"""Keeps a contact record if it is newer than the one held (returning its person when it was
kept), with :func:`contact_params`. Built once: it runs for every report."""


def contact_params(organisation_id: uuid.UUID, command: RecordContact) -> dict[str, Any]:
    return {
        "contact_case_id": command.case_id,
        "contact_person_id": command.record.person_id,
        "contact_organisation_id": organisation_id,
        "contact_version": command.record.version,
        "contact_record": command.record.model_dump(mode="json"),
        "contact_wishes_unknown": command.wishes_unknown,
    }


def _case_upsert() -> Insert:
    statement = insert(CaseRow).values({c: bindparam(f"case_{c}") for c in _CASE_COLUMNS})
    new = statement.excluded
    # The route and the officer are kept unless the event names them.
    return statement.on_conflict_do_update(
        index_elements=[CaseRow.case_id],
        set_={
            "case_reference": new.case_reference,
            "route": func.coalesce(new.route, CaseRow.route),
            "officer_id": func.coalesce(new.officer_id, CaseRow.officer_id),
            "officer_name": case(
                (new.officer_id.is_(None), CaseRow.officer_name), else_=new.officer_name
            ),
        },
    )


_CASE_COLUMNS = (
    "case_id",
    "organisation_id",
    "case_reference",
    "route",
    "officer_id",
    "officer_name",
)
CASE_UPSERT = _case_upsert()
"""Remembers a case's reference and route, and its officer once one is assigned, with
:func:`case_params`. Built once: it runs for every event about a case."""


def case_params(organisation_id: uuid.UUID, command: RecordCase) -> dict[str, Any]:
    return {
        "case_case_id": command.case_id,
        "case_organisation_id": organisation_id,
        "case_case_reference": command.case_reference,
        "case_route": command.route,
        "case_officer_id": command.officer_id,
        "case_officer_name": command.officer_name,
    }


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


async def case_of(session: AsyncSession, case_id: uuid.UUID) -> CaseRow | None:
    return await session.get(CaseRow, case_id, populate_existing=True)
