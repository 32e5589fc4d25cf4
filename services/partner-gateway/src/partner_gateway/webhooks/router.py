"""The landlord's administrators see a partner's webhook endpoints and their deliveries (the
partner manages them through the partner API; a secret is never in these answers)."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth.groups import Admin
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter, Query

from .partner_router import DeliveryOut, EndpointOut
from .usecases import PartnerDeliveries, partner_deliveries, partner_endpoints

router = APIRouter(
    prefix="/v1/partners/{partner_id}/webhook-endpoints",
    tags=["webhooks"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404)},
)


@router.get("", response_model=list[EndpointOut])
async def endpoints(partner_id: uuid.UUID, principal: Admin, work: WorkDep) -> list[EndpointOut]:
    """The partner's endpoints with their status (a paused one waits for the partner)."""
    async with work(principal) as uow:
        return [EndpointOut.model_validate(e) for e in await partner_endpoints(uow, partner_id)]


@router.get("/{endpoint_id}/deliveries", response_model=list[DeliveryOut])
async def deliveries(
    partner_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    principal: Admin,
    work: WorkDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[DeliveryOut]:
    """The latest messages to the endpoint with their status and attempts, newest first."""
    async with work(principal) as uow:
        rows = await partner_deliveries(uow, PartnerDeliveries(partner_id, endpoint_id, limit))
        return [DeliveryOut.model_validate(d) for d in rows]
