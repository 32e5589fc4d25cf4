"""Who is calling the partner API, checked on every call: the token, the client, the rate
limit and the agreements in force. Every refusal is audited before it is answered."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from asb_shared.contracts.casework import PlatformService
from asb_shared.db import Database, utcnow
from asb_shared.errors import ApiError, ErrorResponse
from asb_shared.organisations import find_organisation, refusal
from asb_shared.ratelimit import Rate, too_many
from asb_shared.ratelimit.edge import limiter
from asb_shared.service import WorkDep
from asb_shared.usecase import DomainError, Transactions, UnitOfWork
from fastapi import Request, Security
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlows
from fastapi.security import OAuth2
from sqlalchemy import select

from ..agreements.models import Agreement
from ..agreements.rules import Scope, Terms, granted_scopes, in_force, uk_today
from ..agreements.store import terms
from ..audit.log import Who, record
from ..partners.models import Partner
from ..settings import PartnerGatewaySettings
from .models import PartnerClient
from .tokens import InvalidToken, signing_key, verify_access_token

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


@dataclass(frozen=True)
class PartnerCaller:
    """A partner system whose call has passed every check so far."""

    organisation_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    client_id: str
    scopes: frozenset[str]
    today: date
    resource: str
    """The call, as the audit log names it (``GET /partner/v1/cases/{case_id}``)."""

    @property
    def who(self) -> Who:
        return Who(self.organisation_id, self.partner_id, self.client_id)


def _state(request: Request) -> tuple[PartnerGatewaySettings, Database]:
    settings = request.app.state.settings
    if not isinstance(settings, PartnerGatewaySettings):
        raise TypeError("the partner gateway needs its own settings")
    return settings, request.app.state.db


def token_key(request: Request) -> object:
    """The signing key of this process (made once; random in development unless configured)."""
    state = request.app.state
    if "partner_token_key" not in state._state:
        settings, _ = _state(request)
        state.partner_token_key = signing_key(settings)
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
) -> Callable[[Request, str | None], Awaitable[PartnerCaller]]:
    """FastAPI dependency: the partner system calling, which needs ``scope`` for this call.

    401 for a token that is missing, invalid, expired or whose client is revoked; 429 over the
    partner's rate limit; 403 when the token lacks the scope or no agreement in force gives it.
    """

    async def dependency(
        request: Request,
        # A default, not an Annotated[...]: the scope is this closure's, which a postponed
        # annotation could not see. In the document, the operation requires this scope.
        authorization: str | None = Security(oauth2_scheme, scopes=[scope]),
    ) -> PartnerCaller:
        settings, db = _state(request)
        resource = resource_of(request)
        case_id = _case_of(request)

        async def refuse(who: Who, status: int, code: str, message: str) -> ApiError:
            async with db.transaction() as session:
                await record(
                    session,
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
            claims = verify_access_token(token, token_key(request), settings)  # type: ignore[arg-type]
        except InvalidToken:
            raise await refuse(
                Who(), 401, "unauthorized", "The access token is not valid or has expired."
            ) from None
        try:
            organisation_id = uuid.UUID(str(claims["org"]))
            partner_id = uuid.UUID(str(claims["partner_id"]))
        except ValueError:
            raise await refuse(
                Who(), 401, "unauthorized", "The access token is not valid."
            ) from None
        who = Who(organisation_id, partner_id, str(claims["client_id"]))

        now = utcnow()
        today = uk_today(now)
        async with db.sessions() as session:
            found = (
                await session.execute(
                    select(PartnerClient, Partner)
                    .join(Partner, Partner.id == PartnerClient.partner_id)
                    .where(
                        PartnerClient.client_id == who.client_id,
                        PartnerClient.partner_id == partner_id,
                        Partner.organisation_id == organisation_id,
                    )
                )
            ).first()
            organisation = await find_organisation(session, organisation_id)
            agreements = list(
                (
                    await session.scalars(
                        select(Agreement).where(
                            Agreement.partner_id == partner_id,
                            Agreement.organisation_id == organisation_id,
                        )
                    )
                ).all()
            )
        if found is None or found[0].revoked_at is not None or found[1].deactivated_at is not None:
            raise await refuse(who, 401, "unauthorized", "These credentials have been revoked.")
        partner = found[1]
        # The landlord's own standing first: one that has left the platform, or stopped buying
        # the gateway, shares nothing, whatever its agreements still say.
        refused = refusal(organisation, PlatformService.PARTNER_GATEWAY)
        if refused is not None:
            raise await refuse(who, 403, refused.code, refused.message)

        # Shared by every API process (counted in the gateway's database).
        decision = await limiter(request).hit(
            f"partner:{partner_id}", Rate(max(1, partner.rate_limit_per_minute))
        )
        if not decision.allowed:
            await refuse(who, 429, "too_many_requests", "Rate limit reached; slow down.")
            raise too_many(decision, "Rate limit reached; slow down.")

        token_scopes = frozenset(str(claims.get("scope") or "").split())
        if scope not in token_scopes:
            raise await refuse(who, 403, "insufficient_scope", f"This needs the scope {scope}.")
        if scope not in granted_scopes([terms(a) for a in agreements], today):
            raise await refuse(
                who,
                403,
                "agreement_not_in_force",
                f"No information sharing agreement in force gives {scope}.",
            )
        return PartnerCaller(
            organisation_id=organisation_id,
            partner_id=partner_id,
            partner_name=partner.name,
            client_id=str(who.client_id),
            scopes=token_scopes,
            today=today,
            resource=resource,
        )

    return dependency


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
