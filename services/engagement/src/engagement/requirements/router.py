"""The positive requirements API (PEOs)."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import Peo
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter

from . import usecases
from .schemas import ComplianceIn, ComplianceOut, OrderIn, OrderOut

router = APIRouter(
    prefix="/v1/clients/{client_id}",
    tags=["positive requirements"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 409, 422)},
)


@router.post("/orders", status_code=201, response_model=OrderOut)
async def record_order(
    client_id: uuid.UUID, body: OrderIn, principal: Peo, work: WorkDep
) -> OrderOut:
    """A court order the client is under, with its positive requirements."""
    async with work(principal) as uow:
        return await usecases.record_order(uow, usecases.RecordOrder(client_id, body))


@router.get("/orders", response_model=list[OrderOut])
async def orders(client_id: uuid.UUID, principal: Peo, work: WorkDep) -> list[OrderOut]:
    """Orders, requirements and compliance over time (the read is audited)."""
    async with work(principal) as uow:
        return await usecases.orders_of(uow, client_id)


@router.post(
    "/requirements/{requirement_id}/compliance", status_code=201, response_model=ComplianceOut
)
async def compliance(
    client_id: uuid.UUID,
    requirement_id: uuid.UUID,
    body: ComplianceIn,
    principal: Peo,
    work: WorkDep,
) -> ComplianceOut:
    """Record the client's compliance with a requirement on a day."""
    async with work(principal) as uow:
        row = await usecases.record_compliance(
            uow, usecases.RecordCompliance(client_id, requirement_id, body)
        )
        return ComplianceOut.model_validate(row)
