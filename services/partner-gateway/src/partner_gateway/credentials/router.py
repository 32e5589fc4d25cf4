"""Administrators issue, rotate and revoke partner credentials; partner systems get tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

import anyio.to_thread
from asb_shared.auth.groups import Admin
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..audit.log import Who, record
from .caller import TOKEN_URL, _state, token_key
from .models import PartnerClient
from .tokens import client_id_of, token_response
from .usecases import (
    IssueClient,
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
    client_secret: str
    """Shown this once: only its argon2 hash is kept."""


def _issued(client: PartnerClient, secret: str) -> IssuedOut:
    return IssuedOut(**ClientOut.model_validate(client).model_dump(), client_secret=secret)


@router.post("/v1/partners/{partner_id}/clients", status_code=201, response_model=IssuedOut)
async def issue(
    partner_id: uuid.UUID, body: IssueClient, principal: Admin, work: WorkDep
) -> IssuedOut:
    """Credentials for one partner system. The secret is in this answer and nowhere else."""
    async with work(principal) as uow:
        issued = await issue_client(uow, partner_id, body)
        return _issued(issued.client, issued.secret)


@router.get("/v1/partners/{partner_id}/clients", response_model=list[ClientOut])
async def index(partner_id: uuid.UUID, principal: Admin, work: WorkDep) -> list[ClientOut]:
    async with work(principal) as uow:
        return [ClientOut.model_validate(c) for c in await list_clients(uow, partner_id)]


@router.post("/v1/partner-clients/{client_pk}/secrets", status_code=201, response_model=IssuedOut)
async def rotate(
    client_pk: uuid.UUID, body: RotateSecret, principal: Admin, work: WorkDep
) -> IssuedOut:
    """A new secret; the old ones keep working for ``overlap_hours``."""
    async with work(principal) as uow:
        issued = await rotate_secret(uow, client_pk, body)
        return _issued(issued.client, issued.secret)


@router.post("/v1/partner-clients/{client_pk}/revocation", response_model=ClientOut)
async def revoke(client_pk: uuid.UUID, principal: Admin, work: WorkDep) -> ClientOut:
    """Revoke: no new tokens, and the tokens already issued are refused from now on."""
    async with work(principal) as uow:
        return ClientOut.model_validate(await revoke_client(uow, client_pk))


token_router = APIRouter(tags=["partner API: tokens"])


class TokenOut(BaseModel):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


@token_router.post(
    TOKEN_URL,
    response_model=TokenOut,
    responses={400: {"description": "an OAuth2 error (RFC 6749 5.2)"}},
)
async def token(request: Request, work: WorkDep) -> JSONResponse:
    """OAuth2 client credentials (RFC 6749 4.4): HTTP Basic or ``client_id``/``client_secret``
    in the form; the scopes are those the partner's agreements in force give."""
    settings, _ = _state(request)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    client_id = client_id_of(request.headers, form)
    async with work(None) as uow:
        client = await token_client(uow, client_id)
    answer = await anyio.to_thread.run_sync(
        lambda: token_response(
            url=settings.partner_public_url.rstrip("/") + TOKEN_URL,
            headers=request.headers,
            form=form,
            client=client,
            key=token_key(request),  # type: ignore[arg-type]
            settings=settings,
        )
    )
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
