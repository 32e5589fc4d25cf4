"""Evidence from reporters (photos, recordings, videos) added to their report with its tracking
token. The upload limits (how many files, how large, what types) are checked here, at the edge,
before anything is written; then each file is read through by a parser for its type (a photo
kept without its metadata) off the event loop. A refused file answers 413, 415 or 422 and
nothing is kept."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
import weakref
from typing import Annotated, Any

from asb_shared import readaudit
from asb_shared.auth.groups import CaseStaff, Managers
from asb_shared.errors import ErrorResponse
from asb_shared.evidence.checks import (
    CheckedFile,
    EvidenceRefused,
    check_size,
    safe_filename,
    verified,
)
from asb_shared.evidence.storage import (
    EvidenceStore,
    StoredEvidence,
    discard,
    store_checked,
    store_from_settings,
)
from asb_shared.evidence.uploads import checked_uploads, refusal_error
from asb_shared.files import download
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep, WorkDep
from asb_shared.types import Text
from asb_shared.usecase import Invalid
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from ..idempotency.edge import IdempotencyHeader, fingerprint, replayed, retryable
from ..idempotency.keys import Replay
from ..ratelimit.dependency import rate_limited
from ..reports.access import ReferencePath, ReporterCredentials
from ..reports.access import TrackingTokenHeader as TrackingToken
from ..settings import Settings
from . import usecases
from .models import EvidenceRead
from .schemas import EVIDENCE_READ_COLUMNS, EvidenceAdded, EvidenceList, EvidenceReadOut

router = APIRouter(prefix="/v1/reports", tags=["evidence"])
staff_router = APIRouter(
    prefix="/v1/evidence",
    tags=["evidence"],
    responses={c: {"model": ErrorResponse} for c in (401, 403, 404, 422)},
)


_STORES: weakref.WeakKeyDictionary[Any, EvidenceStore] = weakref.WeakKeyDictionary()


async def evidence_store(request: Request, settings: Settings) -> EvidenceStore:
    """The app's evidence store, made from its settings on first use and kept."""
    store = _STORES.get(request.app)
    if store is None:
        store = _STORES[request.app] = store_from_settings(settings)
    return store


StoreDep = Annotated[EvidenceStore, Depends(evidence_store)]


@router.post(
    "/{reference}/evidence",
    status_code=201,
    response_model=EvidenceAdded,
    responses={
        404: {"model": ErrorResponse},
        413: {"model": ErrorResponse},
        415: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
        429: {"model": ErrorResponse},
    },
    dependencies=[Depends(rate_limited("follow"))],
)
async def add_evidence(
    reference: ReferencePath,
    work: WorkDep,
    settings: Settings,
    store: StoreDep,
    x_tracking_token: TrackingToken,
    files: Annotated[
        list[UploadFile], File(description="photos, sound recordings or videos, one or more")
    ],
    description: Annotated[
        Text | None, Form(max_length=2000, description="what the files show")
    ] = None,
    idempotency_key: IdempotencyHeader = None,
) -> EvidenceAdded | JSONResponse:
    """Add photos, recordings or videos to a report. Each file's type is taken from its content
    (JPEG, PNG, HEIC, WebP, GIF; MP3, M4A, WAV, OGG, AMR; MP4, MOV, 3GP, WebM) and must agree
    with its name; if any file is refused, none is kept."""
    # Who is asking first: nothing is read or written for a wrong reference or token.
    async with work() as uow:
        report = await usecases.report_for_evidence(
            uow, ReporterCredentials(reference, x_tracking_token)
        )
    max_files, max_bytes = settings.evidence_max_files, settings.evidence_max_file_bytes
    if len(files) > max_files:
        raise Invalid.at("files", f"at most {max_files} files", "too_many")
    checked = await checked_uploads(files, max_bytes)

    # Then each is read through by its parser (in a thread: decoding a photo is CPU work) and
    # written, hashed from the very bytes kept; once one is refused, none more is written and
    # those written are removed. Then they are recorded in one go.
    stored: list[StoredEvidence] = []
    refused: list[tuple[int, EvidenceRefused]] = []
    try:
        for i, (upload, content_type) in enumerate(checked):
            data = await upload.read()
            name = safe_filename(upload.filename)
            try:
                check_size(len(data), max_bytes, upload.filename)
                kept = await asyncio.to_thread(
                    verified, data, content_type, name, settings.evidence_max_image_pixels
                )
            except EvidenceRefused as exc:
                refused.append((i, exc))
                continue
            if refused:
                continue
            ready = CheckedFile(
                filename=name,
                content_type=content_type,
                data=kept,
                sha256=hashlib.sha256(kept).hexdigest(),
            )
            stored.append(await store_checked(store, report.organisation_id, ready))
        if refused:
            raise refusal_error(refused)
        # The files themselves, not the multipart body: a retry may use another boundary.
        what = fingerprint(description, *(f"{s.filename}:{s.sha256}" for s in stored))
        retry = retryable(settings, f"POST /v1/reports/{reference}/evidence", idempotency_key, what)
        async with work() as uow:
            answer = await usecases.add_evidence(
                uow, usecases.AddEvidence(report, stored, description, retry)
            )
    except BaseException:
        await discard(store, stored)
        raise
    if isinstance(answer, Replay):
        await discard(store, stored)  # kept the first time: these copies are not needed
        return replayed(answer)
    return answer


@router.get(
    "/{reference}/evidence",
    response_model=EvidenceList,
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
    dependencies=[Depends(rate_limited("follow"))],
)
async def list_evidence(
    reference: ReferencePath, work: WorkDep, x_tracking_token: TrackingToken
) -> EvidenceList:
    """The files kept with a report (what was sent with it and added since), as stored."""
    async with work() as uow:
        return await usecases.list_evidence(uow, ReporterCredentials(reference, x_tracking_token))


@staff_router.get(
    "/{evidence_id}/file",
    response_class=Response,
    responses={200: {"content": {"image/*": {}, "audio/*": {}, "video/*": {}}}},
)
async def evidence_file(
    evidence_id: uuid.UUID, principal: CaseStaff, work: WorkDep, store: StoreDep
) -> Response:
    """An evidence file as kept (a photo without its metadata), for staff of its landlord: a
    download of the type it was checked to be (``attachment``, ``nosniff``), never shown in
    place; its SHA-256 on receipt is in ``X-Content-SHA256``. Every download is audited."""
    async with work(principal) as uow:
        row = await usecases.evidence_for_staff(uow, evidence_id)
    data = await store.get(row.storage_key)
    return download(data, row.content_type, row.filename, {"X-Content-SHA256": row.sha256})


@staff_router.get("/reads", response_model=Page[EvidenceReadOut])
async def evidence_reads(
    principal: Managers,
    work: WorkDep,
    evidence_id: uuid.UUID | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[EvidenceReadOut]:
    """Who downloaded stored evidence files (one, or all), newest first (team leaders, admins)."""
    async with work(principal) as uow:
        rows = await usecases.evidence_reads(
            uow, usecases.EvidenceReads(evidence_id, limit, cursor)
        )
    return page_of(rows, limit, EvidenceReadOut.model_validate, lambda r: r.id)


@staff_router.get("/reads/export.csv", response_class=Response)
async def evidence_reads_csv(
    principal: Managers, db: DbDep, evidence_id: uuid.UUID | None = None
) -> Response:
    """The same downloads as CSV, oldest first."""
    query = readaudit.reads(
        EvidenceRead, principal.organisation_id, evidence_id=evidence_id
    ).order_by(EvidenceRead.id)
    lines = readaudit.csv_export(
        db.sessions,
        query,
        lambda r: EvidenceReadOut.model_validate(r).model_dump(mode="json"),
        EVIDENCE_READ_COLUMNS,
    )
    return readaudit.csv_response(lines, "evidence-reads.csv")
