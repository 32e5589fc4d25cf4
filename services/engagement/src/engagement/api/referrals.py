"""Positive Engagement Officers' view of referrals. Confidential: PEOs and admins only."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from asb_shared.auth import Principal, Role, require_roles
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep
from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from ..models import Referral

router = APIRouter(
    prefix="/v1/referrals",
    tags=["referrals"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)

Peo = Annotated[Principal, Depends(require_roles(Role.PEO, Role.ADMIN))]


class ReferralOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    subject_name: str
    reason: str
    requested_by: str
    status: str
    received_at: datetime


@router.get("", response_model=Page[ReferralOut])
async def referrals(
    principal: Peo, db: DbDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[ReferralOut]:
    """Referrals to the caller's organisation's Positive Engagement Service, newest first."""
    query = select(Referral).where(Referral.organisation_id == principal.organisation_id)
    if cursor:
        query = query.where(Referral.id < cursor)
    async with db.sessions() as session:
        rows = list((await session.scalars(query.order_by(Referral.id.desc()).limit(limit))).all())
    return page_of(rows, limit, ReferralOut.model_validate, lambda r: r.id)
