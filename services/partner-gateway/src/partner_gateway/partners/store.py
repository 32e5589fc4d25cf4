"""The landlord's partners as stored: listed, and one found (another landlord's is not told
apart from none)."""

from __future__ import annotations

import uuid

from asb_shared.usecase import NotFound, UnitOfWork
from sqlalchemy import select

from .models import Partner


def organisation_of(uow: UnitOfWork) -> uuid.UUID:
    """The organisation of the member of staff acting."""
    if uow.actor is None:
        raise RuntimeError("a member of staff acts here")
    return uow.actor.organisation_id


async def list_partners(uow: UnitOfWork) -> list[Partner]:
    rows = await uow.session.scalars(
        select(Partner)
        .where(Partner.organisation_id == organisation_of(uow))
        .order_by(Partner.name)
    )
    return list(rows.all())


async def get_partner(uow: UnitOfWork, partner_id: uuid.UUID, *, lock: bool = False) -> Partner:
    """The caller's organisation's partner, or NotFound (another landlord's is not told apart)."""
    query = select(Partner).where(
        Partner.id == partner_id, Partner.organisation_id == organisation_of(uow)
    )
    partner = await uow.session.scalar(query.with_for_update() if lock else query)
    if partner is None:
        raise NotFound("No such partner.")
    return partner
