"""Administrators' view of the gateway's case projection (partners' own API comes later)."""

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

from ..models import SharedCase

router = APIRouter(
    prefix="/v1/shared-cases",
    tags=["shared cases"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)

Admin = Annotated[Principal, Depends(require_roles(Role.ADMIN))]


class SharedCaseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    case_id: uuid.UUID
    case_reference: str
    status: str
    categories: list[str]
    version: int
    opened_at: datetime
    updated_at: datetime


@router.get("", response_model=Page[SharedCaseOut])
async def shared_cases(
    principal: Admin, db: DbDep, limit: Limit = 50, cursor: Cursor = None
) -> Page[SharedCaseOut]:
    """The caller's organisation's cases as the gateway holds them, newest first."""
    query = select(SharedCase).where(SharedCase.organisation_id == principal.organisation_id)
    if cursor:
        query = query.where(SharedCase.case_id < cursor)
    async with db.sessions() as session:
        rows = list(
            (await session.scalars(query.order_by(SharedCase.case_id.desc()).limit(limit))).all()
        )
    return page_of(rows, limit, SharedCaseOut.model_validate, lambda c: c.case_id)
