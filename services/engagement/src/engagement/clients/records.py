"""The one way into a client's record: organisation-scoped, checked against policy 3.9, and
every read written to the audit log in the reader's own transaction.

Another organisation's client is "not found" (not "forbidden"), so a PEO cannot even learn that
a person is a client elsewhere.
"""

from __future__ import annotations

import uuid

from asb_shared import readaudit
from asb_shared.usecase import Forbidden, NotFound, UnitOfWork
from sqlalchemy import select

from ..confidentiality.models import RecordRead
from ..confidentiality.policy import Concern, View, view_for
from .models import Client


async def _client(uow: UnitOfWork, client_id: uuid.UUID, *, for_update: bool) -> Client:
    query = select(Client).where(Client.id == client_id)
    if uow.actor is not None:
        query = query.where(Client.organisation_id == uow.actor.organisation_id)
    if for_update:
        query = query.with_for_update()
    client = await uow.session.scalar(query)
    if client is None:
        raise NotFound("No such client.")
    return client


async def log_read(
    uow: UnitOfWork,
    client: Client | None,
    resource: str,
    view: View,
    *,
    override: Concern | None = None,
    reason: str | None = None,
) -> None:
    """Append one read to the audit log (in the reader's transaction: no read goes unlogged)."""
    organisation = (
        client.organisation_id if client else (uow.actor.organisation_id if uow.actor else None)
    )
    if organisation is None:
        raise ValueError("a read belongs to an organisation")
    readaudit.append(
        uow,
        RecordRead,
        organisation_id=organisation,
        resource=resource,
        reason=reason,
        client_id=client.id if client else None,
        view=view.value,
        override=override is not None,
        concern=override.value if override else None,
    )


async def read_record(uow: UnitOfWork, client_id: uuid.UUID, resource: str) -> Client:
    """The client, for a member of staff allowed the full record; the read is logged."""
    client = await _client(uow, client_id, for_update=False)
    view = view_for(uow.actor.roles) if uow.actor else View.FULL
    if view is not View.FULL:
        raise Forbidden("Engagement records are confidential to the Positive Engagement Service.")
    await log_read(uow, client, resource, view)
    return client


async def read_status(uow: UnitOfWork, client_id: uuid.UUID) -> Client:
    """The client, for anyone allowed at least their status and outcome; the read is logged."""
    client = await _client(uow, client_id, for_update=False)
    view = view_for(uow.actor.roles) if uow.actor else View.FULL
    if view is View.NONE:
        raise Forbidden("Engagement records are confidential.")
    await log_read(uow, client, "status", View.STATUS)
    return client


async def client_for_change(uow: UnitOfWork, client_id: uuid.UUID) -> Client:
    """The client, locked for a change by a PEO (writes are the PEO's alone)."""
    if uow.actor is not None and view_for(uow.actor.roles) is not View.FULL:
        raise Forbidden("Only Positive Engagement Officers change engagement records.")
    return await _client(uow, client_id, for_update=True)
