"""Staff authentication: bearer JWTs from an OpenID Connect provider, validated by every service.

The issuer, audience, expiry and signature are checked; the signing key comes from the
provider's JWKS or, for development and tests, a configured public key. A token carries the
user's ``roles`` and the ``org`` (organisation, the landlord) it acts for; a partner agency's
member of staff, signed in through the landlord's provider, also carries the partner they belong
to, in the claim the services are configured with (``JWT_PARTNER_CLAIM``, ``partner_id`` unless
set).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from collections.abc import Set as AbstractSet
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any

import anyio.to_thread
import jwt
from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ValidationError

from ..errors import ApiError
from ..settings import ServiceSettings

if TYPE_CHECKING:
    from ..organisations import OrganisationGate


class Role(StrEnum):
    OFFICER = "officer"
    TEAM_LEADER = "team_leader"
    PEO = "peo"
    ADMIN = "admin"
    PLATFORM_ADMIN = "platform_admin"
    """Runs the platform: registers the landlords (organisations). Not a landlord's staff."""
    PARTNER_STAFF = "partner_staff"
    """A partner agency's member of staff (the police, a council team), acting for their one
    partner (the token's partner claim) through the partner gateway. Not a landlord's staff."""


class Principal(BaseModel):
    """Who is calling: their subject, organisation and roles."""

    subject: str
    organisation_id: uuid.UUID
    roles: frozenset[Role]
    name: str | None = None
    partner_id: uuid.UUID | None = None
    """The partner agency a partner's member of staff acts for (the token's partner claim)."""

    def has_any(self, roles: AbstractSet[Role]) -> bool:
        return bool(self.roles & roles)


class _Claims(BaseModel):
    sub: str
    org: uuid.UUID
    roles: list[str] = []
    name: str | None = None


class TokenValidator:
    """Validates bearer tokens against the configured issuer, audience and keys."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.issuer = settings.jwt_issuer
        self.audience = settings.jwt_audience
        self.algorithms = settings.jwt_algorithms
        self._jwks_url = settings.jwt_jwks_url
        self._public_key_file = settings.jwt_public_key_file
        self.partner_claim = settings.jwt_partner_claim

    @cached_property
    def _jwks(self) -> jwt.PyJWKClient | None:
        return (
            jwt.PyJWKClient(self._jwks_url, cache_keys=True, lifespan=3600)
            if self._jwks_url
            else None
        )

    @cached_property
    def _public_key(self) -> str:
        return self._public_key_file.read_text()

    async def _key(self, token: str) -> Any:
        if self._jwks is not None:
            # PyJWKClient fetches over blocking HTTP; keep it off the event loop.
            signing = await anyio.to_thread.run_sync(self._jwks.get_signing_key_from_jwt, token)
            return signing.key
        return self._public_key

    async def validate(self, token: str) -> Principal:
        """The principal a token stands for; raises :class:`ApiError` 401 if it is not valid."""
        try:
            key = await self._key(token)
            claims = jwt.decode(
                token,
                key,
                algorithms=self.algorithms,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "iss", "aud", "sub"]},
                leeway=30,
            )
            parsed = _Claims.model_validate(claims)
        except (jwt.PyJWTError, ValidationError, OSError) as exc:
            raise _unauthorized(f"The bearer token is not valid: {_reason(exc)}") from exc
        roles = frozenset(Role(r) for r in parsed.roles if r in Role._value2member_map_)
        return Principal(
            subject=parsed.sub,
            organisation_id=parsed.org,
            roles=roles,
            name=parsed.name,
            partner_id=_partner_of(claims.get(self.partner_claim)),
        )


def _partner_of(value: object) -> uuid.UUID | None:
    """The partner a token's partner claim names (one id), or None (absent, or not an id)."""
    try:
        return uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "required claims are missing or malformed"
    return str(exc) or type(exc).__name__


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="staff",
    description="A staff member's JWT from the identity provider (locally: `./dev token`).",
)
"""Declares the bearer scheme in every service's OpenAPI document (and so in its /docs);
the token itself is validated below, answering in the common error shape."""


async def token_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> Principal:
    """FastAPI dependency: the caller as the bearer token says, or 401 (their organisation
    unchecked: only for the platform admin, see :func:`require_platform_admin`)."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise _unauthorized("A bearer token is required.")
    validator: TokenValidator = request.app.state.token_validator
    return await validator.validate(credentials.credentials.strip())


async def current_principal(
    request: Request, principal: Annotated[Principal, Depends(token_principal)]
) -> Principal:
    """FastAPI dependency: the validated caller, or 401; 403 when their organisation is unknown,
    inactive or does not use this service (the service's organisation gate, one check for all
    of its staff routes)."""
    gate: OrganisationGate | None = getattr(request.app.state, "organisation_gate", None)
    if gate is not None:
        await gate.check(principal)
    return principal


def require_roles(*roles: Role) -> Callable[..., Awaitable[Principal]]:
    """FastAPI dependency factory: the caller, who must hold one of ``roles`` (else 403)."""
    wanted = set(roles)

    async def dependency(
        principal: Annotated[Principal, Depends(current_principal)],
    ) -> Principal:
        if not principal.has_any(wanted):
            raise ApiError(
                403,
                "forbidden",
                f"This needs one of the roles: {', '.join(sorted(wanted))}.",
            )
        return principal

    return dependency


async def require_platform_admin(
    principal: Annotated[Principal, Depends(token_principal)],
) -> Principal:
    """FastAPI dependency: a platform admin (else 403). Their token's organisation is not
    checked: they register the organisations, so none may exist yet."""
    if Role.PLATFORM_ADMIN not in principal.roles:
        raise ApiError(403, "forbidden", "This needs the role: platform_admin.")
    return principal
