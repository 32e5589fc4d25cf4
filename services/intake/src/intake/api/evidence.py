"""Evidence from reporters (photos, recordings, videos) added to their report with its tracking
token, and the staff's view of inbound email that could not be turned into a report."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Annotated, Literal

from asb_shared.auth import Principal, Role, require_roles
from asb_shared.contracts import FollowupReceived
from asb_shared.db import Database
from asb_shared.errors import ApiError, ErrorDetail, ErrorResponse
from asb_shared.pagination import Cursor, Limit, Page, page_of
from asb_shared.service import DbDep, OutboxDep, SettingsDep
from fastapi import APIRouter, Depends, File, Form, Header, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, insert, select

from ..evidence import (
    DEFAULT_MAX_BYTES,
    HEAD_BYTES,
    CheckedFile,
    EvidenceRefused,
    FileTooLarge,
    check_size,
    check_type,
    discard,
    safe_filename,
    store_checked,
)
from ..models import EvidenceFile, Followup, InboundMail, Report
from ..ratelimit import rate_limited
from ..reports import StoredEvidence, status_for_reporter
from ..storage import EvidenceStore, store_from_settings

DEFAULT_MAX_FILES = 10

router = APIRouter(prefix="/v1/reports", tags=["evidence"])
inbound_mail_router = APIRouter(
    prefix="/v1/inbound-mail",
    tags=["inbound mail"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)

TrackingToken = Annotated[str, Header(min_length=8, max_length=200)]
Staff = Annotated[Principal, Depends(require_roles(Role.OFFICER, Role.TEAM_LEADER, Role.ADMIN))]


async def evidence_store(request: Request) -> EvidenceStore:
    """The app's evidence store, made from its settings on first use and kept."""
    store: EvidenceStore | None = getattr(request.app.state, "evidence_store", None)
    if store is None:
        store = store_from_settings(request.app.state.settings)
        request.app.state.evidence_store = store
    return store


StoreDep = Annotated[EvidenceStore, Depends(evidence_store)]


class EvidenceOut(BaseModel):
    """One file as stored: the type is the one detected from its content."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    received_at: datetime


class EvidenceAdded(BaseModel):
    followup_id: uuid.UUID
    report_reference: str
    items: list[EvidenceOut]


class EvidenceList(BaseModel):
    items: list[EvidenceOut]


async def _report_for(db: Database, reference: str, token: str) -> Report:
    found = await status_for_reporter(db, reference, token)
    if found is None:
        raise ApiError(404, "not_found", "No report matches that reference and tracking token.")
    return found[0]


async def _upload_size(upload: UploadFile) -> int:
    if upload.size is not None:
        return upload.size
    size = len(await upload.read())
    await upload.seek(0)
    return size


def _refusal(refused: list[tuple[int, EvidenceRefused]]) -> ApiError:
    details = [
        ErrorDetail(field=f"files.{i}", message=f"{exc.filename}: {exc.message}", type=exc.kind)
        for i, exc in refused
    ]
    if any(isinstance(exc, FileTooLarge) for _, exc in refused):
        return ApiError(413, "payload_too_large", "A file is too large; nothing was kept.", details)
    return ApiError(
        415,
        "unsupported_media_type",
        "A file is not a photo, sound recording or video that can be taken; nothing was kept.",
        details,
    )


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
    reference: str,
    db: DbDep,
    outbox: OutboxDep,
    settings: SettingsDep,
    store: StoreDep,
    x_tracking_token: TrackingToken,
    files: Annotated[
        list[UploadFile], File(description="photos, sound recordings or videos, one or more")
    ],
    description: Annotated[
        str | None, Form(max_length=2000, description="what the files show")
    ] = None,
) -> EvidenceAdded:
    """Add photos, recordings or videos to a report. Each file's type is taken from its content
    (JPEG, PNG, HEIC, WebP, GIF; MP3, M4A, WAV, OGG, AMR; MP4, MOV, 3GP, WebM) and must agree
    with its name; if any file is refused, none is kept."""
    report = await _report_for(db, reference, x_tracking_token)
    max_files = int(getattr(settings, "evidence_max_files", DEFAULT_MAX_FILES))
    max_bytes = int(getattr(settings, "evidence_max_file_bytes", DEFAULT_MAX_BYTES))
    if len(files) > max_files:
        raise ApiError(
            422,
            "validation_failed",
            "The request has invalid fields.",
            [ErrorDetail(field="files", message=f"at most {max_files} files", type="too_many")],
        )

    # First every file is checked, so that nothing is written when any one is refused.
    checked: list[tuple[UploadFile, int, str]] = []
    refused: list[tuple[int, EvidenceRefused]] = []
    for i, upload in enumerate(files):
        try:
            size = await _upload_size(upload)
            check_size(size, max_bytes, upload.filename)
            head = await upload.read(HEAD_BYTES)
            await upload.seek(0)
            content_type = check_type(head, upload.filename, upload.content_type)
        except EvidenceRefused as exc:
            refused.append((i, exc))
            continue
        checked.append((upload, size, content_type))
    if refused:
        raise _refusal(refused)

    # Then they are written, hashed from the very bytes written; then recorded in one go.
    stored: list[StoredEvidence] = []
    try:
        for upload, _, content_type in checked:
            data = await upload.read()
            check_size(len(data), max_bytes, upload.filename)
            ready = CheckedFile(
                filename=safe_filename(upload.filename),
                content_type=content_type,
                data=data,
                sha256=hashlib.sha256(data).hexdigest(),
            )
            stored.append(await store_checked(store, report.organisation_id, ready))
        text = (description or "").strip() or None
        async with db.transaction() as session:
            followup_id = (
                await session.execute(
                    insert(Followup)
                    .values(
                        organisation_id=report.organisation_id,
                        report_id=report.id,
                        kind="evidence",
                        description=text,
                    )
                    .returning(Followup.id)
                )
            ).scalar_one()
            rows: list[EvidenceFile] = []
            for item in stored:
                rows.append(
                    (
                        await session.execute(
                            insert(EvidenceFile)
                            .values(
                                id=item.id,
                                organisation_id=report.organisation_id,
                                report_id=report.id,
                                followup_id=followup_id,
                                filename=item.filename,
                                content_type=item.content_type,
                                size=item.size,
                                sha256=item.sha256,
                                storage_key=item.storage_key,
                            )
                            .returning(EvidenceFile)
                        )
                    ).scalar_one()
                )
            await outbox.add(
                session,
                FollowupReceived(
                    followup_id=followup_id,
                    report_id=report.id,
                    report_reference=report.reference,
                    kind="evidence",
                    description=text,
                    evidence=[item.ref() for item in stored],
                ),
                organisation_id=report.organisation_id,
            )
    except BaseException:
        await discard(store, stored)
        raise
    return EvidenceAdded(
        followup_id=followup_id,
        report_reference=report.reference,
        items=[EvidenceOut.model_validate(row) for row in rows],
    )


@router.get(
    "/{reference}/evidence",
    response_model=EvidenceList,
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
    dependencies=[Depends(rate_limited("follow"))],
)
async def list_evidence(reference: str, db: DbDep, x_tracking_token: TrackingToken) -> EvidenceList:
    """The files kept with a report (what was sent with it and added since), as stored."""
    report = await _report_for(db, reference, x_tracking_token)
    async with db.sessions() as session:
        rows = (
            await session.scalars(
                select(EvidenceFile)
                .where(EvidenceFile.report_id == report.id)
                .order_by(EvidenceFile.received_at, EvidenceFile.id)
            )
        ).all()
    return EvidenceList(items=[EvidenceOut.model_validate(r) for r in rows])


MailStatus = Literal["needs_attention", "received", "converted", "duplicate"]


class InboundMailOut(BaseModel):
    """An email the listener received; the whole message is at ``/v1/inbound-mail/{id}/raw``."""

    id: uuid.UUID
    received_at: datetime
    mail_from: str
    subject: str | None
    message_id: str | None
    status: str
    problem: str | None
    report_id: uuid.UUID | None
    report_reference: str | None
    size: int


@inbound_mail_router.get("", response_model=Page[InboundMailOut])
async def list_inbound_mail(
    principal: Staff,
    db: DbDep,
    status: MailStatus = "needs_attention",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[InboundMailOut]:
    """Email to the reporting mailbox, oldest first; by default what needs a person to turn it
    into a report (no usable text, a sender that could not be read...)."""
    query = (
        select(
            InboundMail.id,
            InboundMail.received_at,
            InboundMail.mail_from,
            InboundMail.subject,
            InboundMail.message_id,
            InboundMail.status,
            InboundMail.problem,
            InboundMail.report_id,
            Report.reference.label("report_reference"),
            func.octet_length(InboundMail.raw).label("size"),
        )
        .outerjoin(Report, Report.id == InboundMail.report_id)
        .where(
            InboundMail.organisation_id == principal.organisation_id,
            InboundMail.status == status,
        )
        .order_by(InboundMail.id)
        .limit(limit)
    )
    if cursor is not None:
        query = query.where(InboundMail.id > cursor)
    async with db.sessions() as session:
        rows = (await session.execute(query)).all()
    return page_of(
        rows,
        limit,
        lambda r: InboundMailOut(
            id=r.id,
            received_at=r.received_at,
            mail_from=r.mail_from,
            subject=r.subject,
            message_id=r.message_id,
            status=r.status,
            problem=r.problem,
            report_id=r.report_id,
            report_reference=r.report_reference,
            size=r.size,
        ),
        lambda r: r.id,
    )


@inbound_mail_router.get(
    "/{mail_id}/raw",
    response_class=Response,
    responses={200: {"content": {"message/rfc822": {}}}, 404: {"model": ErrorResponse}},
)
async def inbound_mail_raw(mail_id: uuid.UUID, principal: Staff, db: DbDep) -> Response:
    """The email exactly as received (an .eml file), attachments and all."""
    async with db.sessions() as session:
        raw = await session.scalar(
            select(InboundMail.raw).where(
                InboundMail.id == mail_id,
                InboundMail.organisation_id == principal.organisation_id,
            )
        )
    if raw is None:
        raise ApiError(404, "not_found", "No such email.")
    return Response(
        raw,
        media_type="message/rfc822",
        headers={
            "Content-Disposition": f'attachment; filename="{mail_id}.eml"',
            "X-Content-Type-Options": "nosniff",
        },
    )
