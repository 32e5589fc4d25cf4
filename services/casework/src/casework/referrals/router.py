"""Referrals out of a case."""

from __future__ import annotations

import uuid

from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, Staff, errors
from ..cases.store import PageOnCase
from . import use_cases
from .schemas import ReferralIn, ReferralOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(f"{CASE}/referrals", status_code=201, response_model=ReferralOut)
async def refer(
    case_id: uuid.UUID, body: ReferralIn, principal: Staff, work: WorkDep
) -> ReferralOut:
    """Refer to Positive Engagement (announced), MASH (safeguarding) or MARAC (domestic abuse)."""
    async with work(principal) as uow:
        row = await use_cases.refer(uow, use_cases.Refer(case_id, body))
    return ReferralOut.model_validate(row)


@router.get(f"{CASE}/referrals", response_model=Page[ReferralOut])
async def referrals(
    case_id: uuid.UUID, principal: Staff, work: WorkDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[ReferralOut]:
    async with work(principal) as uow:
        rows = await use_cases.referrals_on(uow, PageOnCase(case_id, limit, cursor))
    return page_of(rows, limit, ReferralOut.model_validate, lambda r: r.id)
