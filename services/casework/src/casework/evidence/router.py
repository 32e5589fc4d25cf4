"""The evidence register of a case: items by metadata, files staff add (checked by content and
hashed at receipt, like residents' files), files opened (each opening on the timeline), and the
court bundle as a PDF."""

from __future__ import annotations

import asyncio
import uuid
import weakref
from typing import Annotated, Any

from asb_shared.auth.groups import CaseStaff
from asb_shared.errors import ErrorResponse
from asb_shared.evidence.checks import EvidenceRefused, check_evidence
from asb_shared.evidence.storage import (
    EvidenceNotFound,
    EvidenceStore,
    discard,
    store_checked,
    store_from_settings,
)
from asb_shared.evidence.uploads import checked_uploads, refusal_error
from asb_shared.files import download
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.pdf import render_pdf
from asb_shared.service import WorkDep
from asb_shared.types import Text
from asb_shared.usecase import NotFound
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response

from ..api import CASE, STAFF_ERRORS, Responses, errors
from ..cases.store import OnCase, WhichCase
from ..reads.router import ReadReason
from ..settings import Settings
from . import usecases
from .bundle import CSS, bundle_html
from .kinds import EvidenceKind
from .schemas import EvidenceIn, EvidenceOut

router = APIRouter(tags=["case actions"], responses=STAFF_ERRORS | errors(404))

_STORES: weakref.WeakKeyDictionary[Any, EvidenceStore] = weakref.WeakKeyDictionary()


async def evidence_store(request: Request, settings: Settings) -> EvidenceStore:
    """The app's evidence store, made from its settings on first use and kept."""
    store = _STORES.get(request.app)
    if store is None:
        store = _STORES[request.app] = store_from_settings(settings)
    return store


StoreDep = Annotated[EvidenceStore, Depends(evidence_store)]
FILES: Responses = {200: {"content": {"image/*": {}, "audio/*": {}, "video/*": {}}}}


@router.post(f"{CASE}/evidence", status_code=201, response_model=EvidenceOut)
async def add_evidence(
    case_id: uuid.UUID, body: EvidenceIn, principal: CaseStaff, work: WorkDep
) -> EvidenceOut:
    """Add an item to the evidence register by its metadata, with its content hash."""
    async with work(principal) as uow:
        row = await usecases.add_evidence(uow, OnCase(case_id, body))
    return EvidenceOut.model_validate(row)


@router.get(f"{CASE}/evidence", response_model=Page[EvidenceOut])
async def evidence(
    case_id: uuid.UUID,
    principal: CaseStaff,
    work: WorkDep,
    reason: ReadReason = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[EvidenceOut]:
    """The case's evidence register, newest first. Every read is audited."""
    async with work(principal) as uow:
        rows = await usecases.evidence_on_case(
            uow, usecases.EvidencePage(case_id, limit, cursor, reason)
        )
    return page_of(rows, limit, EvidenceOut.model_validate, lambda r: r.id)


@router.post(
    f"{CASE}/evidence/files",
    status_code=201,
    response_model=EvidenceOut,
    responses={c: {"model": ErrorResponse} for c in (413, 415)},
)
async def add_evidence_file(
    case_id: uuid.UUID,
    principal: CaseStaff,
    work: WorkDep,
    settings: Settings,
    store: StoreDep,
    file: Annotated[UploadFile, File(description="a photo, sound recording or video")],
    description: Annotated[Text | None, Form(max_length=2000)] = None,
    kind: Annotated[EvidenceKind | None, Form()] = None,
) -> EvidenceOut:
    """Add a file to the case's evidence: taken for what its content is (the types intake takes
    from residents), read through by a parser for its type (a photo kept without its metadata)
    and hashed from the very bytes kept; a file refused is 413, 415 or 422 and nothing is kept."""
    async with work(principal) as uow:
        case = await usecases.case_for_file(uow, case_id)
    await checked_uploads([file], settings.evidence_max_file_bytes)
    data = await file.read()
    try:
        checked = await asyncio.to_thread(
            check_evidence,
            data,
            file.filename,
            file.content_type,
            max_bytes=settings.evidence_max_file_bytes,
            max_pixels=settings.evidence_max_image_pixels,
        )
    except EvidenceRefused as exc:
        raise refusal_error([(0, exc)]) from exc
    stored = await store_checked(store, case.organisation_id, checked)
    try:
        async with work(principal) as uow:
            row = await usecases.keep_file(
                uow, usecases.KeepFile(case_id, stored, description or "", kind)
            )
    except BaseException:
        await discard(store, [stored])
        raise
    return EvidenceOut.model_validate(row)


@router.get(f"{CASE}/evidence/{{evidence_id}}/file", response_class=Response, responses=FILES)
async def open_evidence_file(
    case_id: uuid.UUID,
    evidence_id: uuid.UUID,
    principal: CaseStaff,
    work: WorkDep,
    store: StoreDep,
    reason: ReadReason = None,
) -> Response:
    """A file kept with the case, as a download of its checked type; every opening is in the
    audit of sensitive reads (who, when, which file, and why if the reader says)."""
    async with work(principal) as uow:
        row = await usecases.open_file(uow, usecases.WhichFile(case_id, evidence_id, reason))
    assert row.location is not None and row.content_type is not None
    try:
        content = await store.get(row.location)
    except EvidenceNotFound as exc:
        raise NotFound("The file is registered but not in the store.") from exc
    return download(
        content,
        row.content_type,
        row.description if "." in row.description else f"evidence-{row.id}",
        headers={"X-Content-SHA256": row.sha256},
    )


@router.get(
    f"{CASE}/court-bundle",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def court_bundle(case_id: uuid.UUID, principal: CaseStaff, work: WorkDep) -> Response:
    """The case's court bundle as a PDF: the evidence index with each item's SHA-256 taken at
    receipt, and the timeline of the case."""
    async with work(principal) as uow:
        bundle = await usecases.court_bundle(uow, WhichCase(case_id))
    pdf = await asyncio.to_thread(render_pdf, bundle_html(bundle), CSS)
    return download(pdf, "application/pdf", f"court-bundle-{bundle.case_reference}.pdf")
