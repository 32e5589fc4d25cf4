"""Subject access requests: find the person, start the request, read what every service holds,
review what names someone else, release; the export as JSON and PDF. Team leaders and admins."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

from asb_shared.auth.groups import Managers
from asb_shared.errors import ErrorResponse
from asb_shared.pdf import render_pdf
from asb_shared.service import WorkDep
from asb_shared.types import Line
from fastapi import APIRouter, Query, Response
from pydantic import EmailStr

from . import export
from .schemas import (
    ExtensionIn,
    ItemOut,
    PersonFoundOut,
    ReleaseIn,
    RequestIn,
    RequestOut,
    ReviewIn,
)
from .usecases import (
    Extend,
    Release,
    RequestWithItems,
    ReviewItem,
    StartRequest,
    WhichRequest,
    WhoIsAsking,
    extend,
    find_person,
    release,
    request_of,
    review_item,
    start_request,
)

router = APIRouter(
    prefix="/v1/subject-access",
    tags=["subject access"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 409, 422)},
)


def _out(found: RequestWithItems) -> RequestOut:
    r = found.request
    return RequestOut(
        id=r.id,
        name=r.name,
        emails=r.emails,
        phones=r.phones,
        received_on=r.received_on,
        due_on=r.due_on,
        extension_months=r.extension_months,
        contributed=r.contributed,
        waiting_for=found.waiting_for,
        complete=found.complete,
        items=len(found.items),
        to_review=found.to_review,
        released_at=r.released_at,
        released_by=r.released_by,
        release_note=r.release_note,
    )


@router.get("/people", response_model=list[PersonFoundOut])
async def people(
    principal: Managers,
    work: WorkDep,
    name: Annotated[Line | None, Query(max_length=200)] = None,
    email: EmailStr | None = None,
    phone: Annotated[Line | None, Query(max_length=32)] = None,
    postcode: Annotated[Line | None, Query(max_length=10)] = None,
) -> list[PersonFoundOut]:
    """The person's complainant records across the landlord's cases (never by a name alone)."""
    async with work(principal) as uow:
        found = await find_person(uow, WhoIsAsking(name, email, phone, postcode))
    return [PersonFoundOut.model_validate(r) for r in found]


@router.post("", status_code=201, response_model=RequestOut)
async def start(body: RequestIn, principal: Managers, work: WorkDep) -> RequestOut:
    """Start a request: due one calendar month from receipt; casework's part at once, every
    other service's as it answers."""
    who = WhoIsAsking(body.name, body.email, body.phone, body.postcode)
    async with work(principal) as uow:
        request = await start_request(uow, StartRequest(who, body.received_on))
        found = await request_of(uow, WhichRequest(request.id))
    return _out(found)


@router.get("/{request_id}", response_model=RequestOut)
async def status(request_id: uuid.UUID, principal: Managers, work: WorkDep) -> RequestOut:
    async with work(principal) as uow:
        return _out(await request_of(uow, WhichRequest(request_id)))


@router.get("/{request_id}/items", response_model=list[ItemOut])
async def items(request_id: uuid.UUID, principal: Managers, work: WorkDep) -> list[ItemOut]:
    """Everything contributed, with the fields naming someone else to review."""
    async with work(principal) as uow:
        found = await request_of(uow, WhichRequest(request_id))
    return [ItemOut.model_validate(i) for i in found.items]


@router.post("/{request_id}/items/{item_id}/review", response_model=ItemOut)
async def review(
    request_id: uuid.UUID, item_id: uuid.UUID, body: ReviewIn, principal: Managers, work: WorkDep
) -> ItemOut:
    """The officer reviewed an item; the fields in ``redact`` are withheld on release."""
    async with work(principal) as uow:
        entry = await review_item(uow, ReviewItem(request_id, item_id, list(body.redact)))
    return ItemOut.model_validate(entry)


@router.post("/{request_id}/extension", response_model=RequestOut)
async def extension(
    request_id: uuid.UUID, body: ExtensionIn, principal: Managers, work: WorkDep
) -> RequestOut:
    """A complex request: due up to two further months after the first, counted from receipt."""
    async with work(principal) as uow:
        return _out(await extend(uow, Extend(request_id, body.months)))


@router.post("/{request_id}/release", response_model=RequestOut)
async def release_request(
    request_id: uuid.UUID, body: ReleaseIn, principal: Managers, work: WorkDep
) -> RequestOut:
    """Record the release (refused while a service has not answered or an item naming someone
    else is not reviewed)."""
    async with work(principal) as uow:
        found = await release(uow, Release(request_id, body.note))
    return _out(found)


@router.get("/{request_id}/export.json")
async def export_json(request_id: uuid.UUID, principal: Managers, work: WorkDep) -> Any:
    """The export as data (redactions applied; the marks shown)."""
    async with work(principal) as uow:
        found = await request_of(uow, WhichRequest(request_id))
    return export.document(found)


@router.get("/{request_id}/export.pdf", response_class=Response)
async def export_pdf(request_id: uuid.UUID, principal: Managers, work: WorkDep) -> Response:
    """The export as a readable PDF; a draft until released."""
    async with work(principal) as uow:
        found = await request_of(uow, WhichRequest(request_id))
    pdf = await asyncio.to_thread(render_pdf, export.html(found), export.CSS)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="subject-access-{request_id}.pdf"',
            "Cache-Control": "no-store",
        },
    )
