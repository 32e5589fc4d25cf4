"""Landlord administrators manage their partner organisations."""

from __future__ import annotations

import uuid

from asb_shared.usecase import NotFound, UnitOfWork
from pydantic import Field
from sqlalchemy import select

from ..schemas import Email, Name, Strict
from .models import Partner, PartnerKind


class RegisterPartner(Strict):
    name: Name
    kind: PartnerKind
    admin_email: Email
    rate_limit_per_minute: int = Field(default=120, ge=1, le=10_000)


def _organisation(uow: UnitOfWork) -> uuid.UUID:
    if uow.actor is None:
        raise RuntimeError("a member of staff acts here")
    return uow.actor.organisation_id


async def register_partner(uow: UnitOfWork, command: RegisterPartner) -> Partner:
    partner = Partner(
        organisation_id=_organisation(uow),
        name=command.name,
        kind=command.kind.value,
        admin_email=command.admin_email,
        rate_limit_per_minute=command.rate_limit_per_minute,
    )
    uow.session.add(partner)
    await uow.session.flush()
    return partner


async def list_partners(uow: UnitOfWork) -> list[Partner]:
    rows = await uow.session.scalars(
        select(Partner).where(Partner.organisation_id == _organisation(uow)).order_by(Partner.name)
    )
    return list(rows.all())


async def get_partner(uow: UnitOfWork, partner_id: uuid.UUID, *, lock: bool = False) -> Partner:
    """The caller's organisation's partner, or NotFound (another landlord's is not told apart)."""
    query = select(Partner).where(
        Partner.id == partner_id, Partner.organisation_id == _organisation(uow)
    )
    partner = await uow.session.scalar(query.with_for_update() if lock else query)
    if partner is None:
        raise NotFound("No such partner.")
    return partner
