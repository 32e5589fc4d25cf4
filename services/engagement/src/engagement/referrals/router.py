"""The referrals API: confidential to Positive Engagement Officers."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared.auth.groups import Peo
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter, Query

from . import usecases
from .criteria import CRITERIA
from .schemas import CriterionOut, DecisionIn, ReferralIn, ReferralOut, ReferralView

router = APIRouter(
    prefix="/v1/referrals",
    tags=["referrals"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 409, 422)},
)


@router.get("", response_model=Page[ReferralOut])
async def referrals(
    principal: Peo,
    work: WorkDep,
    status: Annotated[str | None, Query(max_length=30)] = None,
    overdue: bool = False,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ReferralOut]:
    """Referrals to the organisation's service, newest first (``overdue``: past the standard)."""
    async with work(principal) as uow:
        rows = await usecases.list_referrals(
            uow, usecases.ListReferrals(status, overdue, limit, cursor)
        )
        return page_of(rows, limit, ReferralOut.model_validate, lambda r: r.id)


@router.get("/criteria", response_model=list[CriterionOut])
async def criteria(principal: Peo) -> list[CriterionOut]:
    """The service's referral criteria."""
    return [CriterionOut(id=c.value, text=t) for c, t in CRITERIA.items()]


@router.post("", status_code=201, response_model=ReferralOut)
async def key_referral(body: ReferralIn, principal: Peo, work: WorkDep) -> ReferralOut:
    """Key in a referral received another way (phone, meeting, letter)."""
    async with work(principal) as uow:
        row = await usecases.key_referral(uow, body)
        return ReferralOut.model_validate(row)


@router.get("/{referral_id}", response_model=ReferralView)
async def referral(referral_id: uuid.UUID, principal: Peo, work: WorkDep) -> ReferralView:
    async with work(principal) as uow:
        return await usecases.referral_view(uow, referral_id)


@router.post("/{referral_id}/decision", response_model=ReferralOut)
async def decide(
    referral_id: uuid.UUID, body: DecisionIn, principal: Peo, work: WorkDep
) -> ReferralOut:
    """Accept (a client is made, or the referral joins their record) or decline with a reason."""
    async with work(principal) as uow:
        row = await usecases.decide_referral(uow, usecases.DecideReferral(referral_id, body))
        return ReferralOut.model_validate(row)
