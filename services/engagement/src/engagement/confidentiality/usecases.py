"""Use cases of confidentiality: the staff named for the safeguarding override, and the audit
log of reads (the override itself is a read of a client's record: `clients.usecases`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from asb_shared import readaudit
from asb_shared.usecase import Forbidden, NotFound, UnitOfWork
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert

from ..common import actor_name
from .models import RecordRead, SafeguardingLead


def _organisation(uow: UnitOfWork) -> uuid.UUID:
    if uow.actor is None:
        raise Forbidden("A member of staff is needed.")
    return uow.actor.organisation_id


@dataclass(frozen=True)
class NameLead:
    """The member of staff who leads on safeguarding for a subject (named again: replaced)."""

    subject: str
    name: str


async def name_lead(uow: UnitOfWork, command: NameLead) -> SafeguardingLead:
    organisation, subject, name = _organisation(uow), command.subject, command.name
    await uow.session.execute(
        insert(SafeguardingLead)
        .values(
            organisation_id=organisation,
            subject=subject,
            name=name,
            added_by=actor_name(uow),
            added_at=uow.now(),
        )
        .on_conflict_do_update(
            index_elements=[SafeguardingLead.organisation_id, SafeguardingLead.subject],
            set_={"name": name},
        )
    )
    lead = await uow.session.get(SafeguardingLead, (organisation, subject), populate_existing=True)
    assert lead is not None
    return lead


async def remove_lead(uow: UnitOfWork, subject: str) -> None:
    result = await uow.session.execute(
        delete(SafeguardingLead).where(
            SafeguardingLead.organisation_id == _organisation(uow),
            SafeguardingLead.subject == subject,
        )
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise NotFound("No such safeguarding lead.")


@dataclass(frozen=True)
class SafeguardingLeads:
    """The staff named to lead on safeguarding (in the acting organisation)."""


async def leads(uow: UnitOfWork, query: SafeguardingLeads) -> list[SafeguardingLead]:
    rows = await uow.session.scalars(
        select(SafeguardingLead)
        .where(SafeguardingLead.organisation_id == _organisation(uow))
        .order_by(SafeguardingLead.subject)
    )
    return list(rows)


@dataclass
class AuditQuery:
    client_id: uuid.UUID | None
    actor: str | None
    override_only: bool
    since: datetime | None
    limit: int
    cursor: uuid.UUID | None


async def audit(uow: UnitOfWork, query: AuditQuery) -> list[RecordRead]:
    """Reads of engagement records, newest first."""
    rows = readaudit.reads(
        RecordRead,
        _organisation(uow),
        actor=query.actor,
        since=query.since,
        client_id=query.client_id,
        override=True if query.override_only else None,
    )
    return await readaudit.newest_first(
        uow.session, rows, RecordRead, limit=query.limit, cursor=query.cursor
    )
