"""Landlord administrators' API for information sharing agreements."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from asb_shared.auth.groups import Admin, CaseStaff
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter
from pydantic import BaseModel

from .models import Agreement
from .rules import AgreementState
from .store import get_agreement, state_of
from .usecases import (
    ChangeAgreementDates,
    ChangeDates,
    MakeAgreement,
    Withdraw,
    WithdrawAgreement,
    change_dates,
    list_agreements,
    make_agreement,
    withdraw_agreement,
)

router = APIRouter(
    prefix="/v1/agreements",
    tags=["agreements"],
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
    },
)


class AgreementOut(BaseModel):
    id: uuid.UUID
    partner_id: uuid.UUID
    title: str
    parties: list[str]
    purpose: str
    lawful_basis: list[str]
    categories: list[str]
    fields: list[str]
    scopes: list[str]
    starts_on: date
    review_on: date
    expires_on: date
    state: AgreementState
    withdrawn_at: datetime | None
    withdrawn_reason: str | None
    created_by: str


def _out(agreement: Agreement, state: AgreementState) -> AgreementOut:
    return AgreementOut(
        id=agreement.id,
        partner_id=agreement.partner_id,
        title=agreement.title,
        parties=agreement.parties,
        purpose=agreement.purpose,
        lawful_basis=agreement.lawful_basis,
        categories=agreement.categories,
        fields=agreement.fields,
        scopes=agreement.scopes,
        starts_on=agreement.starts_on,
        review_on=agreement.review_on,
        expires_on=agreement.expires_on,
        state=state,
        withdrawn_at=agreement.withdrawn_at,
        withdrawn_reason=agreement.withdrawn_reason,
        created_by=agreement.created_by,
    )


@router.post("", status_code=201, response_model=AgreementOut)
async def create(body: MakeAgreement, principal: Admin, work: WorkDep) -> AgreementOut:
    """Record an information sharing agreement with a partner."""
    async with work(principal) as uow:
        agreement = await make_agreement(uow, body)
        return _out(agreement, state_of(agreement, uow))


@router.get("", response_model=list[AgreementOut])
async def index(
    principal: CaseStaff, work: WorkDep, partner_id: uuid.UUID | None = None
) -> list[AgreementOut]:
    """Agreements (officers read them to choose one when sharing a case)."""
    async with work(principal) as uow:
        return [_out(a, state_of(a, uow)) for a in await list_agreements(uow, partner_id)]


@router.get("/{agreement_id}", response_model=AgreementOut)
async def show(agreement_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> AgreementOut:
    async with work(principal) as uow:
        agreement = await get_agreement(uow, agreement_id)
        return _out(agreement, state_of(agreement, uow))


@router.patch("/{agreement_id}", response_model=AgreementOut)
async def review(
    agreement_id: uuid.UUID, body: ChangeDates, principal: Admin, work: WorkDep
) -> AgreementOut:
    """Set a new review date, or extend or shorten the agreement."""
    async with work(principal) as uow:
        command = ChangeAgreementDates(agreement_id, body.review_on, body.expires_on)
        agreement = await change_dates(uow, command)
        return _out(agreement, state_of(agreement, uow))


@router.post("/{agreement_id}/withdrawal", response_model=AgreementOut)
async def withdraw(
    agreement_id: uuid.UUID, body: Withdraw, principal: Admin, work: WorkDep
) -> AgreementOut:
    """Withdraw the agreement: access under it ends at once, tokens already issued included."""
    async with work(principal) as uow:
        agreement = await withdraw_agreement(uow, WithdrawAgreement(agreement_id, body.reason))
        return _out(agreement, state_of(agreement, uow))
