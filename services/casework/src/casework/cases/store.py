"""Finding cases for a use case: always within the acting member of staff's organisation.

Another landlord's case is reported as missing, not forbidden: its existence is not theirs to
know.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from asb_shared.auth import Principal
from asb_shared.usecase import NotFound, UnitOfWork
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db import CaseRecord
from .models import Case, CaseReport

NO_SUCH_CASE = "No such case."

Row = TypeVar("Row", bound=CaseRecord)
Body = TypeVar("Body")


@dataclass(frozen=True)
class OnCase(Generic[Body]):
    """A command about one case of the acting organisation: which case, and what to do."""

    case_id: uuid.UUID
    body: Body


@dataclass(frozen=True)
class WhichCase:
    """A question about one case of the acting organisation."""

    case_id: uuid.UUID


def staff(uow: UnitOfWork) -> Principal:
    """The member of staff acting: use cases an officer runs need one."""
    if uow.actor is None:
        raise RuntimeError("this use case is run by a member of staff")
    return uow.actor


async def case_for_update(uow: UnitOfWork, case_id: uuid.UUID) -> Case:
    """The acting organisation's case, locked until the transaction ends; NotFound otherwise."""
    case = await uow.session.scalar(
        select(Case)
        .where(Case.id == case_id, Case.organisation_id == staff(uow).organisation_id)
        .with_for_update()
    )
    if case is None:
        raise NotFound(NO_SUCH_CASE)
    return case


async def case_to_read(uow: UnitOfWork, case_id: uuid.UUID) -> Case:
    """The acting organisation's case, not locked; NotFound otherwise."""
    case = await uow.session.scalar(
        select(Case).where(Case.id == case_id, Case.organisation_id == staff(uow).organisation_id)
    )
    if case is None:
        raise NotFound(NO_SUCH_CASE)
    return case


async def reports_of(session: AsyncSession, case_id: uuid.UUID) -> list[CaseReport]:
    """The reports a case collects, in the order they were received."""
    return list(
        await session.scalars(
            select(CaseReport)
            .where(CaseReport.case_id == case_id)
            .order_by(CaseReport.received_at, CaseReport.report_reference)
        )
    )


@dataclass(frozen=True)
class PageOnCase(Generic[Row]):
    """A page of one kind of record (contacts, plans...) on a case, newest first."""

    model: type[Row]
    case_id: uuid.UUID
    limit: int
    cursor: uuid.UUID | None = None


async def records_on_case(uow: UnitOfWork, page: PageOnCase[Row]) -> list[Row]:
    """A page of records on the acting organisation's case, newest first."""
    model = page.model
    organisation_id = staff(uow).organisation_id
    exists = await uow.session.scalar(
        select(Case.id).where(Case.id == page.case_id, Case.organisation_id == organisation_id)
    )
    if exists is None:
        raise NotFound(NO_SUCH_CASE)
    query: Any = select(model).where(
        model.case_id == page.case_id, model.organisation_id == organisation_id
    )
    if page.cursor is not None:
        query = query.where(model.id < page.cursor)
    return list(await uow.session.scalars(query.order_by(model.id.desc()).limit(page.limit)))
