"""The cases a client is the subject of."""

from __future__ import annotations

import uuid

from asb_shared.usecase import UnitOfWork
from sqlalchemy.dialects.postgresql import insert

from .models import Client, ClientCase


async def link_case(
    uow: UnitOfWork, client: Client, case_id: uuid.UUID | None, case_reference: str | None
) -> None:
    if case_id is None:
        return
    await uow.session.execute(
        insert(ClientCase)
        .values(client_id=client.id, case_id=case_id, case_reference=case_reference)
        .on_conflict_do_nothing()
    )
