"""The landlord queries and exports its partner audit log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from asb_shared import readaudit
from asb_shared.auth import Principal
from asb_shared.auth.groups import Admin
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep
from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Select, select

from .models import AuditEntry

router = APIRouter(
    prefix="/v1/audit",
    tags=["audit"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)


class AuditOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: datetime
    partner_id: uuid.UUID | None
    client_id: str | None
    action: str
    resource: str
    case_id: uuid.UUID | None
    agreement_id: uuid.UUID | None
    fields: list[str]
    outcome: str
    status_code: int
    reason: str | None


class AuditFilter(BaseModel):
    partner_id: uuid.UUID | None = None
    case_id: uuid.UUID | None = None
    outcome: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _query(principal: Principal, f: AuditFilter) -> Select[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.organisation_id == principal.organisation_id)
    if f.partner_id:
        query = query.where(AuditEntry.partner_id == f.partner_id)
    if f.case_id:
        query = query.where(AuditEntry.case_id == f.case_id)
    if f.outcome:
        query = query.where(AuditEntry.outcome == f.outcome)
    if f.since:
        query = query.where(AuditEntry.at >= f.since)
    if f.until:
        query = query.where(AuditEntry.at < f.until)
    return query


Filter = Annotated[AuditFilter, Query()]


@router.get("", response_model=Page[AuditOut])
async def entries(
    principal: Admin, db: DbDep, f: Filter, limit: Limit = 100, cursor: Cursor = None
) -> Page[AuditOut]:
    """Who read or wrote what, under which agreement, and what was refused; newest first."""
    query = _query(principal, f)
    if cursor:
        query = query.where(AuditEntry.id < cursor)
    async with db.sessions() as session:
        rows = list(
            (await session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit))).all()
        )
    return page_of(rows, limit, AuditOut.model_validate, lambda e: e.id)


COLUMNS = list(AuditOut.model_fields)


def _row(entry: AuditEntry) -> dict[str, object]:
    out = AuditOut.model_validate(entry).model_dump(mode="json")
    out["fields"] = " ".join(out["fields"])
    return out


@router.get("/export.csv", response_class=StreamingResponse)
async def export(principal: Admin, db: DbDep, f: Filter) -> StreamingResponse:
    """The same entries as CSV (oldest first), streamed, for a records request or an audit
    (the platform's one CSV export of audit logs, :mod:`asb_shared.readaudit`)."""
    lines = readaudit.csv_export(
        db.sessions, _query(principal, f).order_by(AuditEntry.id), _row, COLUMNS
    )
    return readaudit.csv_response(lines, "partner-audit.csv")
