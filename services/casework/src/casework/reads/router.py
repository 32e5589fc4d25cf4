"""Who has read this case (team leaders), every sensitive read, and its CSV export."""

from __future__ import annotations

import uuid
from typing import Annotated

from asb_shared import readaudit
from asb_shared.auth.groups import Managers
from asb_shared.errors import ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep, WorkDep
from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse
from pydantic import AwareDatetime

from .models import SensitiveRead
from .schemas import COLUMNS, ReadOut
from .usecases import ReadsQuery, reads

router = APIRouter(
    tags=["read audit"], responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 422)}
)

Actor = Annotated[str | None, Query(max_length=200)]

ReadReason = Annotated[
    str | None,
    Header(
        alias="X-Read-Reason",
        max_length=500,
        description="why the record is read, kept with the read when it is audited",
    ),
]
"""The optional reason a reader gives for a sensitive read (for the routes that audit one)."""


@router.get("/v1/cases/{case_id}/reads", response_model=Page[ReadOut])
async def case_reads(
    case_id: uuid.UUID,
    principal: Managers,
    work: WorkDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ReadOut]:
    """Who has read this case's sensitive records, newest first (team leaders, admins)."""
    async with work(principal) as uow:
        rows = await reads(uow, ReadsQuery(case_id=case_id, limit=limit, cursor=cursor))
    return page_of(rows, limit, ReadOut.model_validate, lambda r: r.id)


@router.get("/v1/audit/reads", response_model=Page[ReadOut])
async def all_reads(
    principal: Managers,
    work: WorkDep,
    case_id: uuid.UUID | None = None,
    actor: Actor = None,
    since: AwareDatetime | None = None,
    until: AwareDatetime | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[ReadOut]:
    """Every sensitive read of the landlord's records, newest first, filtered."""
    async with work(principal) as uow:
        rows = await reads(uow, ReadsQuery(case_id, actor, since, until, limit, cursor))
    return page_of(rows, limit, ReadOut.model_validate, lambda r: r.id)


@router.get("/v1/audit/reads/export.csv", response_class=StreamingResponse)
async def reads_csv(
    principal: Managers,
    db: DbDep,
    case_id: uuid.UUID | None = None,
    actor: Actor = None,
    since: AwareDatetime | None = None,
    until: AwareDatetime | None = None,
) -> StreamingResponse:
    """The same reads as CSV, oldest first, streamed (for a regulator or a complaint)."""
    query = readaudit.reads(
        SensitiveRead,
        principal.organisation_id,
        actor=actor,
        since=since,
        until=until,
        case_id=case_id,
    ).order_by(SensitiveRead.id)
    lines = readaudit.csv_export(
        db.sessions,
        query,
        lambda r: ReadOut.model_validate(r).model_dump(mode="json"),
        COLUMNS,
    )
    return readaudit.csv_response(lines, "casework-sensitive-reads.csv")
