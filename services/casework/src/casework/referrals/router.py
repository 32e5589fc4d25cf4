"""Referrals out of a case."""

from __future__ import annotations

import uuid

from asb_shared.auth.groups import CaseStaff
from asb_shared.service import WorkDep
from fastapi import APIRouter

from ..api import CASE, STAFF_ERRORS, add_listing, errors
from ..cases.store import OnCase
from . import usecases
from .models import Referral
from .schemas import ReferralIn, ReferralOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))


@router.post(f"{CASE}/referrals", status_code=201, response_model=ReferralOut)
async def refer(
    case_id: uuid.UUID, body: ReferralIn, principal: CaseStaff, work: WorkDep
) -> ReferralOut:
    """Refer to Positive Engagement (announced), MASH (safeguarding) or MARAC (domestic abuse)."""
    async with work(principal) as uow:
        row = await usecases.refer(uow, OnCase(case_id, body))
    return ReferralOut.model_validate(row)


add_listing(router, "referrals", Referral, ReferralOut)
