"""The clients API: PEOs keep the record; officers may read status and outcome only."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth.groups import LandlordStaff, Peo
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter, Query

from ..confidentiality.schemas import OverrideIn
from . import usecases
from .schemas import (
    ChangeOut,
    ClientOut,
    ClientRecord,
    ClientStatus,
    ConsentIn,
    ConsentOut,
    ContactLevelIn,
    EngagementIn,
    WithdrawalIn,
)

router = APIRouter(
    tags=["clients"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 409, 422)},
)

CLIENT = "/v1/clients/{client_id}"


@router.get("/v1/clients", response_model=Page[ClientOut])
async def clients(
    principal: Peo,
    work: WorkDep,
    status: Annotated[str | None, Query(max_length=30)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ClientOut]:
    """The organisation's clients, newest first."""
    async with work(principal) as uow:
        rows = await usecases.list_clients(uow, usecases.ListClients(status, limit, cursor))
    return page_of(rows, limit, ClientOut.model_validate, lambda r: r.id)


@router.get(CLIENT, response_model=ClientRecord)
async def client(client_id: uuid.UUID, principal: Peo, work: WorkDep) -> ClientRecord:
    """A client's engagement record: cases, consent, engagement history (the read is audited)."""
    async with work(principal) as uow:
        return await usecases.client_record(uow, client_id)


@router.get(f"{CLIENT}/status", response_model=ClientStatus)
async def client_status(
    client_id: uuid.UUID, principal: LandlordStaff, work: WorkDep
) -> ClientStatus:
    """Status and outcome only: what a case officer may know (the read is audited)."""
    async with work(principal) as uow:
        return await usecases.client_status(uow, client_id)


@router.post(f"{CLIENT}/consent", status_code=201, response_model=ConsentOut)
async def give_consent(
    client_id: uuid.UUID, body: ConsentIn, principal: Peo, work: WorkDep
) -> ConsentOut:
    """The client consents to work with the service: who, when and how."""
    async with work(principal) as uow:
        row = await usecases.record_consent(uow, usecases.RecordConsent(client_id, body, True))
        return ConsentOut.model_validate(row)


@router.post(f"{CLIENT}/consent/withdrawal", status_code=201, response_model=ConsentOut)
async def withdraw_consent(
    client_id: uuid.UUID, body: WithdrawalIn, principal: Peo, work: WorkDep
) -> ConsentOut:
    """The client withdraws consent."""
    async with work(principal) as uow:
        row = await usecases.record_consent(uow, usecases.RecordConsent(client_id, body, False))
        return ConsentOut.model_validate(row)


@router.put(f"{CLIENT}/contact-level", response_model=ClientOut)
async def contact_level(
    client_id: uuid.UUID, body: ContactLevelIn, principal: Peo, work: WorkDep
) -> ClientOut:
    """The level of contact agreed with the client."""
    async with work(principal) as uow:
        row = await usecases.agree_contact_level(uow, usecases.AgreeContactLevel(client_id, body))
        return ClientOut.model_validate(row)


@router.post(f"{CLIENT}/engagement", status_code=201, response_model=ChangeOut)
async def engagement_change(
    client_id: uuid.UUID, body: EngagementIn, principal: Peo, work: WorkDep
) -> ChangeOut:
    """The client disengaged, or re-engaged, on a date (the case is told)."""
    async with work(principal) as uow:
        row = await usecases.change_engagement(uow, usecases.ChangeEngagement(client_id, body))
        return ChangeOut.model_validate(row)


# The safeguarding override: a read of the client's record, documented with confidentiality.
override_router = APIRouter(
    tags=["confidentiality"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 422)},
)


@override_router.post("/v1/clients/{client_id}/safeguarding-override", response_model=ClientRecord)
async def override(
    client_id: uuid.UUID, body: OverrideIn, principal: LandlordStaff, work: WorkDep
) -> ClientRecord:
    """Read a client's record because a child or adult is at risk (named staff only; the
    reason is kept with the read in the audit log)."""
    async with work(principal) as uow:
        return await usecases.override_read(uow, usecases.OverrideRead(client_id, body))
