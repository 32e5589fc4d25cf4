"""Partner systems' OAuth2 credentials: issued, rotated with an overlap, revoked."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from asb_shared.usecase import Conflict, NotFound, UnitOfWork
from pydantic import Field
from sqlalchemy import or_, select, update

from ..agreements.models import Agreement
from ..agreements.rules import granted_scopes, uk_today
from ..agreements.store import terms
from ..partners.models import Partner
from ..partners.store import get_partner
from ..schemas import Name, Strict, actor_name
from .models import ClientSecret, PartnerClient
from .secrets import hash_secret, new_client_id, new_secret
from .tokens import TokenClient


class IssueClient(Strict):
    name: Name = Field(description="the partner system, e.g. 'GMP case management'")


class RotateSecret(Strict):
    overlap_hours: int = Field(
        default=24, ge=0, le=24 * 30, description="how long the old secret keeps working"
    )


@dataclass(frozen=True)
class IssueClientTo:
    """A new client (a partner system) for one of the landlord's partners."""

    partner_id: uuid.UUID
    name: str


@dataclass(frozen=True)
class RotateClientSecret:
    client_pk: uuid.UUID
    overlap_hours: int


@dataclass(frozen=True)
class Issued:
    """A client with its new secret: the only time the secret is seen."""

    client: PartnerClient
    secret: str


async def issue_client(uow: UnitOfWork, command: IssueClientTo) -> Issued:
    partner = await get_partner(uow, command.partner_id)
    client = PartnerClient(
        organisation_id=partner.organisation_id,
        partner_id=partner.id,
        client_id=new_client_id(),
        name=command.name,
        created_by=actor_name(uow.actor),
    )
    uow.session.add(client)
    await uow.session.flush()
    secret = new_secret()
    uow.session.add(ClientSecret(client_pk=client.id, secret_hash=hash_secret(secret)))
    await uow.session.flush()
    return Issued(client, secret)


async def _client(uow: UnitOfWork, client_pk: uuid.UUID) -> PartnerClient:
    if uow.actor is None:
        raise RuntimeError("a member of staff acts here")
    client = await uow.session.scalar(
        select(PartnerClient)
        .where(
            PartnerClient.id == client_pk,
            PartnerClient.organisation_id == uow.actor.organisation_id,
        )
        .with_for_update()
    )
    if client is None:
        raise NotFound("No such partner client.")
    return client


async def rotate_secret(uow: UnitOfWork, command: RotateClientSecret) -> Issued:
    """A new secret; the ones in use keep working for the overlap period, then stop."""
    client = await _client(uow, command.client_pk)
    if client.revoked_at is not None:
        raise Conflict("The client is revoked; issue a new one.")
    until = uow.now() + timedelta(hours=command.overlap_hours)
    await uow.session.execute(
        update(ClientSecret)
        .where(
            ClientSecret.client_pk == client.id,
            or_(ClientSecret.expires_at.is_(None), ClientSecret.expires_at > until),
        )
        .values(expires_at=until)
    )
    secret = new_secret()
    uow.session.add(ClientSecret(client_pk=client.id, secret_hash=hash_secret(secret)))
    await uow.session.flush()
    return Issued(client, secret)


async def revoke_client(uow: UnitOfWork, client_pk: uuid.UUID) -> PartnerClient:
    """Revoke a client: its secrets stop working and its tokens are refused from now on."""
    client = await _client(uow, client_pk)
    if client.revoked_at is None:
        client.revoked_at = uow.now()
        await uow.session.flush()
    return client


async def list_clients(uow: UnitOfWork, partner_id: uuid.UUID) -> list[PartnerClient]:
    partner = await get_partner(uow, partner_id)
    rows = await uow.session.scalars(
        select(PartnerClient)
        .where(PartnerClient.partner_id == partner.id)
        .order_by(PartnerClient.id)
    )
    return list(rows.all())


async def token_client(uow: UnitOfWork, client_id: str | None) -> TokenClient | None:
    """The client a token request names, as the token endpoint needs it: its secrets still
    valid and the scopes its partner's agreements in force give. None if unknown or revoked."""
    if not client_id:
        return None
    found = (
        await uow.session.execute(
            select(PartnerClient, Partner)
            .join(Partner, Partner.id == PartnerClient.partner_id)
            .where(PartnerClient.client_id == client_id)
        )
    ).first()
    if found is None:
        return None
    client, partner = found
    if client.revoked_at is not None or partner.deactivated_at is not None:
        return None
    now = uow.now()
    hashes = list(
        (
            await uow.session.scalars(
                select(ClientSecret.secret_hash).where(
                    ClientSecret.client_pk == client.id,
                    or_(ClientSecret.expires_at.is_(None), ClientSecret.expires_at > now),
                )
            )
        ).all()
    )
    agreements = (
        await uow.session.scalars(
            select(Agreement).where(
                Agreement.partner_id == partner.id,
                Agreement.organisation_id == partner.organisation_id,
            )
        )
    ).all()
    return TokenClient(
        client_id=client.client_id,
        secret_hashes=hashes,
        granted=granted_scopes([terms(a) for a in agreements], uk_today(now)),
        claims={"org": str(partner.organisation_id), "partner_id": str(partner.id)},
    )


async def partner_of_client(uow: UnitOfWork, client_id: str) -> tuple[uuid.UUID, uuid.UUID] | None:
    """(organisation, partner) of a client id, for the audit log."""
    found = (
        await uow.session.execute(
            select(PartnerClient.organisation_id, PartnerClient.partner_id).where(
                PartnerClient.client_id == client_id
            )
        )
    ).first()
    return (found[0], found[1]) if found else None
