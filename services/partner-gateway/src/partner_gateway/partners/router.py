"""Landlord administrators' API for partner organisations."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.auth.groups import Admin
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from .store import get_partner, list_partners
from .usecases import RegisterPartner, register_partner

router = APIRouter(
    prefix="/v1/partners",
    tags=["partners"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)


class PartnerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: str
    admin_email: str
    rate_limit_per_minute: int
    created_at: datetime
    deactivated_at: datetime | None


@router.post("", status_code=201, response_model=PartnerOut)
async def create(body: RegisterPartner, principal: Admin, work: WorkDep) -> PartnerOut:
    """Register a partner agency (police, council ASB unit, MASH, MARAC...)."""
    async with work(principal) as uow:
        return PartnerOut.model_validate(await register_partner(uow, body))


@router.get("", response_model=list[PartnerOut])
async def index(principal: Admin, work: WorkDep) -> list[PartnerOut]:
    async with work(principal) as uow:
        return [PartnerOut.model_validate(p) for p in await list_partners(uow)]


@router.get("/{partner_id}", response_model=PartnerOut, responses={404: {"model": ErrorResponse}})
async def show(partner_id: uuid.UUID, principal: Admin, work: WorkDep) -> PartnerOut:
    async with work(principal) as uow:
        return PartnerOut.model_validate(await get_partner(uow, partner_id))
