"""The confidentiality API: who may use the safeguarding override, and the audit log (the
override itself: `clients.router.override_router`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared import readaudit
from asb_shared.auth.groups import Admin
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep, WorkDep
from fastapi import APIRouter, Path, Query
from fastapi.responses import StreamingResponse
from pydantic import AwareDatetime

from . import usecases
from .models import RecordRead
from .schemas import LeadIn, LeadOut, ReadOut

router = APIRouter(
    tags=["confidentiality"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 422)},
)

Subject = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[^\x00]+$")]


@router.get("/v1/safeguarding-leads", response_model=list[LeadOut])
async def leads(principal: Admin, work: WorkDep) -> list[LeadOut]:
    async with work(principal) as uow:
        return [
            LeadOut.model_validate(r)
            for r in await usecases.leads(uow, usecases.SafeguardingLeads())
        ]


@router.put("/v1/safeguarding-leads/{subject}", response_model=LeadOut)
async def name_lead(subject: Subject, body: LeadIn, principal: Admin, work: WorkDep) -> LeadOut:
    """Name a member of staff (by their token subject) who may use the safeguarding override."""
    async with work(principal) as uow:
        return LeadOut.model_validate(
            await usecases.name_lead(uow, usecases.NameLead(subject, body.name))
        )


@router.delete("/v1/safeguarding-leads/{subject}", status_code=204)
async def remove_lead(subject: Subject, principal: Admin, work: WorkDep) -> None:
    async with work(principal) as uow:
        await usecases.remove_lead(uow, subject)


@router.get("/v1/audit/reads", response_model=Page[ReadOut])
async def reads(
    principal: Admin,
    work: WorkDep,
    client_id: uuid.UUID | None = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    override_only: bool = False,
    since: AwareDatetime | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ReadOut]:
    """Every read of an engagement record, newest first (admins)."""
    async with work(principal) as uow:
        rows = await usecases.audit(
            uow, usecases.AuditQuery(client_id, actor, override_only, since, limit, cursor)
        )
        return page_of(rows, limit, ReadOut.model_validate, lambda r: r.id)


@router.get("/v1/audit/reads/export.csv", response_class=StreamingResponse)
async def reads_csv(
    principal: Admin,
    db: DbDep,
    client_id: uuid.UUID | None = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    since: AwareDatetime | None = None,
    until: AwareDatetime | None = None,
) -> StreamingResponse:
    """The same reads as CSV, oldest first, streamed (admins)."""
    query = readaudit.reads(
        RecordRead,
        principal.organisation_id,
        actor=actor,
        since=since,
        until=until,
        client_id=client_id,
    )
    lines = readaudit.csv_export(
        db.sessions,
        query.order_by(RecordRead.id),
        lambda r: ReadOut.model_validate(r).model_dump(mode="json"),
        list(ReadOut.model_fields),
    )
    return readaudit.csv_response(lines, "engagement-reads.csv")
