"""Landlord administrators manage their partner organisations."""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork
from pydantic import Field

from ..schemas import Email, Name, Strict
from .models import Partner, PartnerKind
from .store import organisation_of


class RegisterPartner(Strict):
    name: Name
    kind: PartnerKind
    admin_email: Email
    rate_limit_per_minute: int = Field(default=120, ge=1, le=10_000)


async def register_partner(uow: UnitOfWork, command: RegisterPartner) -> Partner:
    partner = Partner(
        organisation_id=organisation_of(uow),
        name=command.name,
        kind=command.kind.value,
        admin_email=command.admin_email,
        rate_limit_per_minute=command.rate_limit_per_minute,
    )
    uow.session.add(partner)
    await uow.session.flush()
    return partner
