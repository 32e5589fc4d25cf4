"""What engagement holds about the person of a subject access request: a Positive Engagement
client record of theirs. A name alone is never enough: the client must be the subject of one
of the cases casework matched to the person. Each record read for it is in the audit of reads,
as every read of an engagement record is."""

from __future__ import annotations

from asb_shared.contracts.casework import SubjectAccessRequested
from asb_shared.contracts.engagement import EngagementSubjectAccessContributed
from asb_shared.subject_access import item
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..clients.models import Client, ClientCase
from ..clients.names import normalise_name
from ..clients.records import log_read
from ..confidentiality.policy import View


async def contribute(uow: UnitOfWork, command: SubjectAccessRequested) -> None:
    """Answer the request with the person's client record, if they have one."""
    items = []
    if command.name and command.case_ids:
        clients = await uow.session.scalars(
            select(Client)
            .join(ClientCase, ClientCase.client_id == Client.id)
            .where(
                Client.organisation_id == uow.envelope.organisation_id,
                Client.normalised_name == normalise_name(command.name),
                ClientCase.case_id.in_(command.case_ids),
            )
            .distinct()
        )
        for client in clients:
            await log_read(uow, client, "subject_access", View.FULL)
            items.append(
                item(
                    "engagement_client",
                    {
                        "name": client.name,
                        "status": client.status,
                        "engaged_on": client.engaged_on.isoformat() if client.engaged_on else None,
                        "closed_on": client.closed_on.isoformat() if client.closed_on else None,
                        "outcome": client.outcome,
                        "contact_level": client.contact_level,
                        "peo_name": client.peo_name,
                    },
                    reference=client.reference,
                    at=client.created_at,
                )
            )
    await uow.emit(EngagementSubjectAccessContributed(request_id=command.request_id, items=items))
