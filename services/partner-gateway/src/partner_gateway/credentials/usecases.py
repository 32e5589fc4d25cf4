"""Partner systems' OAuth2 credentials: issued, rotated with an overlap, revoked; and who is
calling the partner API, authorised on every call (a partner system by its credentials, or a
partner's member of staff by the landlord's identity provider), under the agreements in force."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from asb_shared.contracts.casework import PlatformService
from asb_shared.organisations import find_organisation, refusal
from asb_shared.usecase import Conflict, DomainError, Forbidden, NotFound, UnitOfWork
from pydantic import Field
from sqlalchemy import or_, select, update

from ..agreements.models import Agreement
from ..agreements.rules import granted_scopes, uk_today
from ..agreements.store import terms
from ..audit.log import Who
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


# --- who is calling the partner API -----------------------------------------------------------


@dataclass(frozen=True)
class PartnerCaller:
    """A partner system, or a partner's member of staff, whose call has passed every check."""

    organisation_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    client_id: str
    """The partner system's client id; for a member of staff, ``user:`` and their subject (as
    the audit log and the idempotency keys name the caller)."""
    scopes: frozenset[str]
    today: date
    resource: str
    """The call, as the audit log names it (``GET /partner/v1/cases/{case_id}``)."""
    user_name: str | None = None
    """The partner's member of staff acting, by name, when it is one (not a system)."""
    rate_limit_per_minute: int = 120
    """The partner's rate limit, which the call counts against."""

    @property
    def who(self) -> Who:
        return Who(self.organisation_id, self.partner_id, self.client_id)


USER_PREFIX = "user:"
"""How the audit log names a partner's member of staff (``user:`` and their subject)."""


@dataclass(frozen=True)
class Authorise:
    """A partner API call whose token's signature has been checked: who the token says calls,
    and the scope the call needs. ``client_id`` for a partner system (its token's scopes in
    ``token_scopes``); ``user`` (a subject) for a partner's member of staff, who acts with the
    scopes the partner's agreements in force give."""

    organisation_id: uuid.UUID
    partner_id: uuid.UUID
    scope: str
    resource: str
    client_id: str | None = None
    token_scopes: frozenset[str] = frozenset()
    user: str | None = None
    user_name: str | None = None

    @property
    def who(self) -> Who:
        caller = self.client_id or f"{USER_PREFIX}{self.user}"
        return Who(self.organisation_id, self.partner_id, caller[:64])


@dataclass(eq=False)
class Unauthorised(DomainError):
    """The credentials the token was issued to are revoked (or were never this partner's)."""

    code: str = "unauthorized"
    status = 401


async def authorise_caller(uow: UnitOfWork, command: Authorise) -> PartnerCaller:
    """The caller, if the partner (and the system's credentials) stand, the landlord uses the
    gateway and an agreement in force gives the scope; else the refusal, to be audited."""
    partner = await uow.session.scalar(
        select(Partner).where(
            Partner.id == command.partner_id, Partner.organisation_id == command.organisation_id
        )
    )
    if command.client_id is not None:
        client = await uow.session.scalar(
            select(PartnerClient).where(
                PartnerClient.client_id == command.client_id,
                PartnerClient.partner_id == command.partner_id,
            )
        )
        if partner is None or client is None or client.revoked_at is not None:
            raise Unauthorised("These credentials have been revoked.")
    elif partner is None:
        raise Forbidden("You belong to no partner agency of this landlord.")
    if partner.deactivated_at is not None:
        if command.client_id is not None:
            raise Unauthorised("These credentials have been revoked.")
        raise Forbidden("Your partner agency no longer works with this landlord.")
    # The landlord's own standing first: one that has left the platform, or stopped buying
    # the gateway, shares nothing, whatever its agreements still say.
    refused = refusal(
        await find_organisation(uow.session, command.organisation_id),
        PlatformService.PARTNER_GATEWAY,
    )
    if refused is not None:
        raise Forbidden(refused.message, code=refused.code)
    today = uk_today(uow.now())
    agreements = (
        await uow.session.scalars(
            select(Agreement).where(
                Agreement.partner_id == partner.id,
                Agreement.organisation_id == command.organisation_id,
            )
        )
    ).all()
    granted = granted_scopes([terms(a) for a in agreements], today)
    # A system's token carries the scopes it was issued with; a member of staff acts with
    # every scope the agreements in force give their partner.
    scopes = command.token_scopes if command.client_id is not None else granted
    if command.client_id is not None and command.scope not in scopes:
        raise Forbidden(f"This needs the scope {command.scope}.", code="insufficient_scope")
    if command.scope not in granted:
        raise Forbidden(
            f"No information sharing agreement in force gives {command.scope}.",
            code="agreement_not_in_force",
        )
    return PartnerCaller(
        organisation_id=command.organisation_id,
        partner_id=partner.id,
        partner_name=partner.name,
        client_id=str(command.who.client_id),
        scopes=frozenset(scopes),
        today=today,
        resource=command.resource,
        user_name=(command.user_name or command.user) if command.client_id is None else None,
        rate_limit_per_minute=partner.rate_limit_per_minute,
    )
