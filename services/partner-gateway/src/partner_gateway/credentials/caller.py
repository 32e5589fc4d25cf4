"""Who is calling the partner API, checked on every call. The HTTP edge reads the token and
checks its signature: one the gateway issued to a partner system (client credentials), or a
partner's member of staff's from the landlord's identity provider (verified by its JWKS as every
service verifies staff tokens, with the partner in its partner claim). The use case
``authorise_caller`` decides the rest (the credentials, the partner, the landlord, the agreements
in force) on a unit of work; then the partner's rate limit. Every refusal is audited before it
is answered."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from typing import Any

from asb_shared.auth import Principal, Role, TokenValidator
from asb_shared.errors import ApiError, ErrorResponse
from asb_shared.ratelimit import Rate, too_many
from asb_shared.ratelimit.edge import limiter
from asb_shared.service import WorkDep
from asb_shared.usecase import DomainError, Transactions, UnitOfWork
from fastapi import Request, Security
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlows
from fastapi.security import OAuth2

from ..agreements.models import Agreement
from ..agreements.rules import Scope, Terms, in_force
from ..agreements.store import terms
from ..audit.log import Who, record
from ..settings import PartnerGatewaySettings
from .tokens import InvalidToken, signing_key, verify_access_token
from .usecases import Authorise, PartnerCaller, authorise_caller

TOKEN_URL = "/partner/oauth/token"

SCOPES: dict[str, str] = {
    Scope.CASES_READ: "Read the cases shared with the partner, redacted to its agreements.",
    Scope.CASES_WRITE: "Post updates and actions on shared cases.",
    Scope.REFERRALS_WRITE: "Refer a person or a problem to the landlord or to Positive Engagement.",
    Scope.SAFEGUARDING: "Receive MASH/MARAC referrals and send back acknowledgement and outcome.",
    Scope.CONFERENCES: "Take part in case conferences: invitations, minutes and actions.",
    Scope.WEBHOOKS: "Register webhook endpoints, see their deliveries and resume a paused one.",
}
"""Every scope a token may carry (those the partner's agreements in force give), as the
partner API's documents and its authorization server metadata describe them."""

# Documents the flow in the partner API's OpenAPI; the token itself is checked below.
oauth2_scheme = OAuth2(
    flows=OAuthFlows(
        clientCredentials=OAuthFlowClientCredentials(tokenUrl=TOKEN_URL, scopes=SCOPES)
    ),
    scheme_name="partnerClientCredentials",
    auto_error=False,
)


def gateway_settings(request: Request) -> PartnerGatewaySettings:
    settings = request.app.state.settings
    if not isinstance(settings, PartnerGatewaySettings):
        raise TypeError("the partner gateway needs its own settings")
    return settings


def token_key(request: Request) -> object:
    """The signing key of this process (made once; random in development unless configured)."""
    state = request.app.state
    if "partner_token_key" not in state._state:
        state.partner_token_key = signing_key(gateway_settings(request))
    return state.partner_token_key


def resource_of(request: Request) -> str:
    route = request.scope.get("route")
    path = getattr(route, "path", None) or request.url.path
    return f"{request.method} {path}"


def _case_of(request: Request) -> uuid.UUID | None:
    value = request.path_params.get("case_id")
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


CALLER_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "no valid partner token, or revoked credentials"},
    403: {"model": ErrorResponse, "description": "the scope is not in the token or not in force"},
    429: {"model": ErrorResponse, "description": "over the partner's rate limit"},
}
"""The answers ``partner_caller`` may give, documented on every partner router."""


def partner_caller(
    scope: str, action: str
) -> Callable[[Request, Transactions, str | None], Awaitable[PartnerCaller]]:
    """FastAPI dependency: the partner system, or partner's member of staff, calling, who needs
    ``scope`` for this call.

    401 for a token that is missing, invalid, expired or whose client is revoked; 403 for a
    member of staff's token with no partner (or of no partner of the landlord), a token without
    the scope or when no agreement in force gives it; 429 over the partner's rate limit.
    """

    async def dependency(
        request: Request,
        work: WorkDep,
        # A default, not an Annotated[...]: the scope is this closure's, which a postponed
        # annotation could not see. In the document, the operation requires this scope.
        authorization: str | None = Security(oauth2_scheme, scopes=[scope]),
    ) -> PartnerCaller:
        resource = resource_of(request)
        case_id = _case_of(request)

        async def refuse(who: Who, status: int, code: str, message: str) -> ApiError:
            async with work(None) as uow:
                await record(
                    uow.session,
                    who,
                    action=action,
                    resource=resource,
                    outcome="refused",
                    status_code=status,
                    case_id=case_id,
                    reason=f"{code}: {message}",
                )
            headers = (
                {"WWW-Authenticate": 'Bearer error="invalid_token"'} if status == 401 else None
            )
            return ApiError(status, code, message, headers=headers)

        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip() if scheme.lower() == "bearer" else ""
        if not token:
            raise await refuse(Who(), 401, "unauthorized", "A partner access token is required.")
        try:
            command = await _command(request, token, scope, resource)
        except _Unreadable as exc:
            raise await refuse(exc.who, exc.status, exc.code, str(exc)) from None
        try:
            async with work(None) as uow:
                caller = await authorise_caller(uow, command)
        except DomainError as exc:
            raise await refuse(command.who, exc.status, exc.code, exc.message) from None

        # Shared by every API process (counted in the gateway's database).
        decision = await limiter(request).hit(
            f"partner:{caller.partner_id}", Rate(max(1, caller.rate_limit_per_minute))
        )
        if not decision.allowed:
            await refuse(caller.who, 429, "too_many_requests", "Rate limit reached; slow down.")
            raise too_many(decision, "Rate limit reached; slow down.")
        return caller

    return dependency


class _Unreadable(InvalidToken):
    """A token that names no caller the partner API serves, with the answer it gets."""

    def __init__(
        self, message: str, who: Who | None = None, status: int = 401, code: str = "unauthorized"
    ) -> None:
        super().__init__(message)
        self.who, self.status, self.code = who or Who(), status, code


async def _command(request: Request, token: str, scope: str, resource: str) -> Authorise:
    """Who the token says is calling, once its signature is checked: a partner system's token
    from this gateway first, else a partner's member of staff's from the identity provider."""
    try:
        claims = verify_access_token(token, token_key(request), gateway_settings(request))  # type: ignore[arg-type]
    except InvalidToken:
        return _member_of_staff(await _staff_principal(request, token), scope, resource)
    try:
        organisation_id = uuid.UUID(str(claims["org"]))
        partner_id = uuid.UUID(str(claims["partner_id"]))
    except ValueError:
        raise _Unreadable("The access token is not valid.") from None
    return Authorise(
        organisation_id=organisation_id,
        partner_id=partner_id,
        scope=scope,
        resource=resource,
        client_id=str(claims["client_id"]),
        token_scopes=frozenset(str(claims.get("scope") or "").split()),
    )


async def _staff_principal(request: Request, token: str) -> Principal:
    validator: TokenValidator = request.app.state.token_validator
    try:
        return await validator.validate(token)
    except ApiError:
        raise _Unreadable("The access token is not valid or has expired.") from None


def _member_of_staff(principal: Principal, scope: str, resource: str) -> Authorise:
    """A partner's member of staff acts for the one partner their token's partner claim names;
    any other signed-in person (the landlord's own staff) is not a partner."""
    who = Who(principal.organisation_id, principal.partner_id, f"user:{principal.subject}"[:64])
    if Role.PARTNER_STAFF not in principal.roles:
        raise _Unreadable("The partner API is for partners and their staff.", who, 403, "forbidden")
    if principal.partner_id is None:
        raise _Unreadable(
            "Your sign-in names no partner agency (the partner claim).", who, 403, "forbidden"
        )
    return Authorise(
        organisation_id=principal.organisation_id,
        partner_id=principal.partner_id,
        scope=scope,
        resource=resource,
        user=principal.subject,
        user_name=principal.name,
    )


@contextlib.asynccontextmanager
async def partner_work(
    work: Transactions, caller: PartnerCaller, action: str, case_id: uuid.UUID | None = None
) -> AsyncIterator[UnitOfWork]:
    """A unit of work for a partner's use case; a refusal (a domain error) rolls it back and is
    audited in a transaction of its own before it is answered."""
    try:
        async with work(None) as uow:
            yield uow
    except DomainError as exc:
        async with work(None) as audit:
            await record(
                audit.session,
                caller.who,
                action=action,
                resource=caller.resource,
                outcome="refused",
                status_code=exc.status,
                case_id=case_id,
                reason=f"{exc.code}: {exc.message}",
            )
        raise


def in_force_terms(agreement: Agreement, today: date) -> Terms | None:
    """The agreement's terms if it is in force on ``today``, else None."""
    found = terms(agreement)
    return found if in_force(found, today) else None


__all__ = ["PartnerCaller", "WorkDep", "in_force_terms", "partner_caller", "partner_work"]
