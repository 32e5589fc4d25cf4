"""Administrators issue, rotate and revoke partner credentials; partner systems get tokens."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime

import anyio.to_thread
from asb_shared.auth import Principal
from asb_shared.auth.groups import Admin
from asb_shared.errors import ApiError, ErrorResponse
from asb_shared.ratelimit import Rate, client_address, too_many
from asb_shared.ratelimit.edge import limiter
from asb_shared.service import WorkDep
from asb_shared.usecase import Transactions, UnitOfWork
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..audit.log import Who, record
from ..idempotency.keys import (
    REPLAYED,
    OptionalIdempotencyKeyHeader,
    claim,
    fingerprint,
    remember,
)
from ..settings import PartnerGatewaySettings
from .caller import SCOPES, TOKEN_URL, gateway_settings, token_key
from .models import PartnerClient
from .secrets import dummy_hash
from .tokens import TokenClient, TokenResponse, client_id_of, token_response
from .usecases import (
    IssueClient,
    IssueClientTo,
    Issued,
    RotateClientSecret,
    RotateSecret,
    issue_client,
    list_clients,
    partner_of_client,
    revoke_client,
    rotate_secret,
    token_client,
)

router = APIRouter(
    tags=["partner credentials"],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
)


class ClientOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    partner_id: uuid.UUID
    client_id: str
    name: str
    created_by: str
    created_at: datetime
    revoked_at: datetime | None


class IssuedOut(ClientOut):
    client_secret: str | None
    """Shown this once: only its argon2 hash is kept. A retry with the same Idempotency-Key
    answers the same client but ``null`` here (secrets are not kept for replays; the answer
    carries ``Idempotent-Replayed: true``): if the first answer was lost, rotate the secret."""


def _issued(client: PartnerClient, secret: str) -> IssuedOut:
    return IssuedOut(**ClientOut.model_validate(client).model_dump(), client_secret=secret)


async def _issue_once(
    work: Transactions,
    principal: Principal,
    key: str | None,
    request: str,
    run: Callable[[UnitOfWork], Awaitable[Issued]],
) -> JSONResponse:
    """Run ``run`` once per Idempotency-Key (when one is sent): a retry gets the first answer
    again, without the secret, which is never kept."""
    scope = f"staff:{principal.organisation_id}"
    async with work(principal) as uow:
        if key is not None:
            replay = await claim(uow, scope, key, fingerprint(request))
            if replay is not None:
                return JSONResponse(replay.body, status_code=replay.status_code, headers=REPLAYED)
        issued = await run(uow)
        answer = _issued(issued.client, issued.secret).model_dump(mode="json")
        if key is not None:
            await remember(uow, scope, key, 201, answer | {"client_secret": None})
    return JSONResponse(answer, status_code=201)


@router.post("/v1/partners/{partner_id}/clients", status_code=201, response_model=IssuedOut)
async def issue(
    partner_id: uuid.UUID,
    body: IssueClient,
    principal: Admin,
    work: WorkDep,
    idempotency_key: OptionalIdempotencyKeyHeader = None,
) -> JSONResponse:
    """Credentials for one partner system. The secret is in this answer and nowhere else."""
    return await _issue_once(
        work,
        principal,
        idempotency_key,
        f"issue\x1f{partner_id}\x1f{body.model_dump_json()}",
        lambda uow: issue_client(uow, IssueClientTo(partner_id, body.name)),
    )


@router.get("/v1/partners/{partner_id}/clients", response_model=list[ClientOut])
async def index(partner_id: uuid.UUID, principal: Admin, work: WorkDep) -> list[ClientOut]:
    async with work(principal) as uow:
        return [ClientOut.model_validate(c) for c in await list_clients(uow, partner_id)]


@router.post("/v1/partner-clients/{client_pk}/secrets", status_code=201, response_model=IssuedOut)
async def rotate(
    client_pk: uuid.UUID,
    body: RotateSecret,
    principal: Admin,
    work: WorkDep,
    idempotency_key: OptionalIdempotencyKeyHeader = None,
) -> JSONResponse:
    """A new secret; the old ones keep working for ``overlap_hours``."""
    return await _issue_once(
        work,
        principal,
        idempotency_key,
        f"rotate\x1f{client_pk}\x1f{body.model_dump_json()}",
        lambda uow: rotate_secret(uow, RotateClientSecret(client_pk, body.overlap_hours)),
    )


@router.post("/v1/partner-clients/{client_pk}/revocation", response_model=ClientOut)
async def revoke(client_pk: uuid.UUID, principal: Admin, work: WorkDep) -> ClientOut:
    """Revoke: no new tokens, and the tokens already issued are refused from now on."""
    async with work(principal) as uow:
        return ClientOut.model_validate(await revoke_client(uow, client_pk))


token_router = APIRouter(tags=["partner API: tokens"])

METADATA_URL = "/.well-known/oauth-authorization-server"


class AuthorizationServerMetadata(BaseModel):
    """OAuth 2.0 Authorization Server Metadata (RFC 8414)."""

    issuer: str
    token_endpoint: str
    token_endpoint_auth_methods_supported: list[str]
    grant_types_supported: list[str]
    response_types_supported: list[str]
    scopes_supported: list[str]
    service_documentation: str


# Found at its well-known address by OAuth clients, as RFC 8414 says; the partner API's
# document names it in its description rather than as an operation.
@token_router.get(METADATA_URL, response_model=AuthorizationServerMetadata, include_in_schema=False)
async def authorization_server_metadata(request: Request) -> AuthorizationServerMetadata:
    """Where partner systems get tokens and what they may ask for (RFC 8414): client
    credentials only, the client authenticated by HTTP Basic or in the form, and every scope an
    agreement can give."""
    settings = request.app.state.settings
    if not isinstance(settings, PartnerGatewaySettings):
        raise TypeError("the partner gateway needs its own settings")
    issuer = settings.partner_public_url.rstrip("/")
    return AuthorizationServerMetadata(
        issuer=issuer,
        token_endpoint=f"{issuer}{TOKEN_URL}",
        token_endpoint_auth_methods_supported=["client_secret_basic", "client_secret_post"],
        grant_types_supported=["client_credentials"],
        # No authorization endpoint: there is no response type to ask for.
        response_types_supported=[],
        scopes_supported=list(SCOPES),
        service_documentation=f"{issuer}/partner/v1/docs",
    )


class TokenOut(BaseModel):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


async def _refused_by_limits(
    request: Request, settings: PartnerGatewaySettings, client_id: str | None
) -> ApiError | None:
    """The 429 when the caller's address, or the client id it names, is past its limit; the
    address first, so a caller past it learns nothing of any client. Checked before any
    secret is, so a refused guess costs no hash."""
    per_address = settings.token_rate_per_address_per_minute
    per_client = settings.token_rate_per_client_per_minute
    counts = limiter(request)
    decision = await counts.hit(f"token-address:{client_address(request)}", Rate(per_address))
    if decision.allowed and client_id:
        # Hashed: a key of bounded length, whatever the caller sent as its id.
        named = hashlib.sha256(client_id.encode()).hexdigest()
        decision = await counts.hit(f"token-client:{named}", Rate(per_client))
    if decision.allowed:
        return None
    return too_many(decision, "Too many token requests; please wait and try again.")


@token_router.post(
    TOKEN_URL,
    response_model=TokenOut,
    responses={
        400: {"description": "an OAuth2 error (RFC 6749 5.2)"},
        401: {"description": "invalid_client: the same answer for an unknown or a wrong client"},
        429: {"model": ErrorResponse, "description": "too many token requests"},
    },
)
async def token(request: Request, work: WorkDep) -> JSONResponse:
    """OAuth2 client credentials (RFC 6749 4.4): HTTP Basic or ``client_id``/``client_secret``
    in the form; the scopes are those the partner's agreements in force give. Limited per
    client address and per client id (429 with Retry-After)."""
    settings = gateway_settings(request)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    client_id = client_id_of(request.headers, form)
    refused = await _refused_by_limits(request, settings, client_id)
    if refused is not None:
        async with work(None) as uow:
            await record(
                uow.session,
                Who(client_id=None),
                action="token",
                resource=f"POST {TOKEN_URL}",
                outcome="refused",
                status_code=429,
                reason=f"too_many_requests from {client_address(request)}",
            )
        raise refused
    async with work(None) as uow:
        client = await token_client(uow, client_id)

    def answer_it() -> TokenResponse:
        # An unknown (or revoked) client is checked against a hash no secret matches: the
        # same work, and the same invalid_client, as a known client with a wrong secret.
        named = client or (
            TokenClient(client_id=client_id, secret_hashes=[dummy_hash()], granted=frozenset())
            if client_id
            else None
        )
        return token_response(
            url=settings.partner_public_url.rstrip("/") + TOKEN_URL,
            headers=request.headers,
            form=form,
            client=named,
            key=token_key(request),  # type: ignore[arg-type]
            settings=settings,
        )

    answer = await anyio.to_thread.run_sync(answer_it)
    async with work(None) as uow:
        owner = await partner_of_client(uow, client_id) if client_id else None
        await record(
            uow.session,
            Who(owner[0], owner[1], client_id) if owner else Who(client_id=None),
            action="token",
            resource=f"POST {TOKEN_URL}",
            outcome="allowed" if answer.status == 200 else "refused",
            status_code=answer.status,
            reason=None
            if answer.status == 200
            else str(answer.body.get("error_description") or answer.body.get("error")),
            fields=str(answer.body.get("scope", "")).split() if answer.status == 200 else (),
        )
    return JSONResponse(answer.body, status_code=answer.status, headers=dict(answer.headers))
