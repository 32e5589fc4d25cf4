"""Partners manage their webhook endpoints and follow their deliveries."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from asb_shared.usecase import Invalid, UnitOfWork
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from ..agreements.rules import Scope
from ..credentials.caller import CALLER_ERRORS, PartnerCaller, partner_caller, partner_work
from ..idempotency.keys import IdempotencyKeyHeader
from ..protection.writes import partner_write
from .egress import Refused, destination
from .usecases import (
    ListDeliveries,
    OneEndpoint,
    RegisterEndpoint,
    RegisterWebhook,
    RotateEndpointSecret,
    RotateSecret,
    list_deliveries,
    list_endpoints,
    register_endpoint,
    resume_endpoint,
    rotate_secret,
)

router = APIRouter(
    prefix="/partner/v1/webhook-endpoints",
    tags=["partner API: webhooks"],
    responses=CALLER_ERRORS | {404: {"model": ErrorResponse}},
)

Reader = Annotated[PartnerCaller, Depends(partner_caller(Scope.WEBHOOKS, "read"))]
Writer = Annotated[PartnerCaller, Depends(partner_caller(Scope.WEBHOOKS, "write"))]


class EndpointOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    event_types: list[str]
    status: str
    consecutive_failures: int
    paused_at: datetime | None
    created_at: datetime
    secret_rotated_at: datetime | None
    previous_until: datetime | None
    """Until when messages are also signed with the secret the last rotation replaced."""


class RegisteredOut(EndpointOut):
    secret: str | None
    """The signing secret (Standard Webhooks ``whsec_``...): shown in this answer only. A
    retry with the same Idempotency-Key answers the same but without it (secrets are not
    kept for replays): if the first answer was lost, rotate the secret."""


class DeliveryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    event_type: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


@router.post("", status_code=201, response_model=RegisteredOut)
async def register(
    body: RegisterEndpoint,
    request: Request,
    caller: Writer,
    work: WorkDep,
    idempotency_key: IdempotencyKeyHeader,
) -> JSONResponse:
    """Register an endpoint for the event types you want; messages are signed per the
    Standard Webhooks specification with the secret in this answer."""
    allow_private = request.app.state.settings.webhooks_may_reach_private

    async def run(uow: UnitOfWork) -> tuple[BaseModel, uuid.UUID | None, uuid.UUID | None]:
        command = RegisterWebhook(
            caller, str(body.url), frozenset(body.event_types), allow_http=allow_private
        )
        done = await register_endpoint(uow, command)
        # What the name resolves to now, every address (checked again at each delivery).
        try:
            await destination(done.endpoint.url, allow_private=allow_private)
        except Refused as exc:
            raise Invalid.at("url", str(exc)) from None
        out = RegisteredOut(
            **EndpointOut.model_validate(done.endpoint).model_dump(), secret=done.secret
        )
        return out, None, None

    return await partner_write(
        work, caller, idempotency_key, body, run, path="webhooks", withheld=("secret",)
    )


@router.post("/{endpoint_id}/secret", status_code=201, response_model=RegisteredOut)
async def rotate(
    endpoint_id: uuid.UUID,
    body: RotateSecret,
    caller: Writer,
    work: WorkDep,
    idempotency_key: IdempotencyKeyHeader,
) -> JSONResponse:
    """A new signing secret, in this answer only. Messages carry a signature by the old
    secret too for ``overlap_hours``, so your verifier can switch over without losing any."""

    async def run(uow: UnitOfWork) -> tuple[BaseModel, uuid.UUID | None, uuid.UUID | None]:
        command = RotateEndpointSecret(caller, endpoint_id, body.overlap_hours)
        done = await rotate_secret(uow, command)
        out = RegisteredOut(
            **EndpointOut.model_validate(done.endpoint).model_dump(), secret=done.secret
        )
        return out, None, None

    return await partner_write(
        work,
        caller,
        idempotency_key,
        body,
        run,
        path=f"secret:{endpoint_id}",
        withheld=("secret",),
    )


@router.get("", response_model=list[EndpointOut])
async def index(caller: Reader, work: WorkDep) -> list[EndpointOut]:
    async with partner_work(work, caller, "read") as uow:
        return [EndpointOut.model_validate(e) for e in await list_endpoints(uow, caller)]


@router.get("/{endpoint_id}/deliveries", response_model=list[DeliveryOut])
async def deliveries(
    endpoint_id: uuid.UUID,
    caller: Reader,
    work: WorkDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[DeliveryOut]:
    """The latest messages to this endpoint with their status and attempts."""
    async with partner_work(work, caller, "read") as uow:
        rows = await list_deliveries(uow, ListDeliveries(caller, endpoint_id, limit))
        return [DeliveryOut.model_validate(d) for d in rows]


@router.post("/{endpoint_id}/resume", response_model=EndpointOut)
async def resume(
    endpoint_id: uuid.UUID, caller: Writer, work: WorkDep, idempotency_key: IdempotencyKeyHeader
) -> JSONResponse:
    """Resume a paused endpoint once it is fixed: waiting and failed messages go again."""

    async def run(uow: UnitOfWork) -> tuple[BaseModel, uuid.UUID | None, uuid.UUID | None]:
        return (
            EndpointOut.model_validate(
                await resume_endpoint(uow, OneEndpoint(caller, endpoint_id))
            ),
            None,
            None,
        )

    return await partner_write(
        work, caller, idempotency_key, None, run, status_code=200, path=f"resume:{endpoint_id}"
    )
