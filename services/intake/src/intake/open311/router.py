"""Open311 GeoReport v2 under /open311/v2, for FixMyStreet and other civic reporting tools.

The documented exception to the common error shape: errors here are GeoReport's own (a list of
``{code, description}`` in JSON, ``<errors><error>`` in XML, with 400 or 404), because GeoReport
clients parse that and nothing else. Parameters are read as plain strings and checked by
:mod:`.wire`, :mod:`.inbound` and :mod:`.query`, so no request reaches FastAPI's validation
(and its error shape).

No account or API key is needed, as for the web form; an ``api_key`` a client sends is ignored.
A request posted is limited per client address like the web form's (a 429 here is a GeoReport
error too, with ``Retry-After``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from asb_shared.errors import ApiError
from asb_shared.evidence.checks import CheckedFile, EvidenceRefused, check_evidence, check_size
from asb_shared.evidence.storage import StoredEvidence, discard, store_checked
from asb_shared.service import WorkDep
from asb_shared.usecase import DomainError
from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from starlette.datastructures import UploadFile

from ..evidence.router import StoreDep
from ..idempotency.edge import REPLAYED, retryable
from ..idempotency.keys import Replay, once
from ..ratelimit.dependency import rate_limited
from ..reports.usecases import AcceptReport, accept_report
from ..settings import Settings
from . import catalogue, inbound, query, wire
from .wire import Format, Open311Error, echo, encode, format_of, jurisdiction, unknown_format

router = APIRouter(prefix="/open311/v2", tags=["open311"])

FormatParam = Annotated[str, Path(description="xml or json")]
JurisdictionParam = Annotated[str | None, Query(description="The organisation's id (a UUID).")]

_BOTH: dict[str, dict[str, Any]] = {"application/json": {}, "text/xml": {}}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": _BOTH},
    400: {"description": "GeoReport errors: a list of {code, description}", "content": _BOTH},
    404: {"description": "GeoReport errors: a list of {code, description}", "content": _BOTH},
}
_POST_RESPONSES: dict[int | str, dict[str, Any]] = {
    **_RESPONSES,
    429: {"description": "GeoReport errors: too many requests from this address", "content": _BOTH},
}
_LIMITED = rate_limited("open311")

_FORM_FIELDS = [
    "jurisdiction_id",
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "description",
    "media_url",
    "attribute[occurred_at]",
    "attribute[subject_description]",
    "attribute[anonymous]",
]
_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["jurisdiction_id", "service_code", "description"],
    "properties": {name: {"type": "string"} for name in _FORM_FIELDS},
}
_FORM_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            wire.FORM: {"schema": _FORM_SCHEMA},
            wire.MULTIPART: {
                "schema": {
                    **_FORM_SCHEMA,
                    "properties": {
                        **_FORM_SCHEMA["properties"],
                        "media": {
                            "type": "string",
                            "format": "binary",
                            "description": "A photo, sound recording or video, kept as evidence "
                            "with the report (checked as every upload is).",
                        },
                    },
                }
            },
        },
    }
}


def _answer(fmt: Format, root: str, payload: Any, status_code: int = 200) -> Response:
    body, media_type = encode(fmt, root, payload)
    return Response(body, status_code=status_code, media_type=media_type)


def _refused(exc: DomainError) -> Open311Error:
    """A use case's refusal as a GeoReport error: the landlord named by ``jurisdiction_id`` is
    not on the platform, or the Idempotency-Key was used for another request."""
    if any(p.field == "organisation_id" for p in exc.problems):
        return Open311Error(400, *(f"jurisdiction_id: {p.message}" for p in exc.problems))
    return Open311Error(400, f"Idempotency-Key: {exc.message}")


def _error(fmt: Format | None, exc: Open311Error) -> Response:
    # An unknown format is answered in XML, the format every GeoReport client reads.
    return _answer(fmt or Format.XML, "errors", exc.payload(), exc.status_code)


def _params(request: Request) -> Mapping[str, Sequence[str]]:
    wire.refuse_control_characters(request.query_params.multi_items())
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


@router.get("/services.{format}", responses=_RESPONSES, response_class=Response)
async def get_service_list(
    format: FormatParam, jurisdiction_id: JurisdictionParam = None
) -> Response:
    """GeoReport's service list: one service per ASB category."""
    fmt = format_of(format)
    try:
        if fmt is None:
            raise unknown_format(format)
        jurisdiction(jurisdiction_id, required=False)
        return _answer(fmt, "services", catalogue.service_list())
    except Open311Error as exc:
        return _error(fmt, exc)


@router.get("/services/{service_code}.{format}", responses=_RESPONSES, response_class=Response)
async def get_service_definition(
    service_code: str, format: FormatParam, jurisdiction_id: JurisdictionParam = None
) -> Response:
    """GeoReport's service definition: the attributes a request for the service can carry."""
    fmt = format_of(format)
    try:
        if fmt is None:
            raise unknown_format(format)
        jurisdiction(jurisdiction_id, required=False)
        return _answer(fmt, "service_definition", catalogue.service_definition(service_code))
    except Open311Error as exc:
        return _error(fmt, exc)


async def _multipart(request: Request, settings: Settings) -> tuple[wire.Form, CheckedFile | None]:
    """A multipart POST (how ``three`` and FixMyStreet's apps send a photo): its fields, and its
    ``media`` file checked as every evidence upload is (size, type from content, read through
    by its parser, a photo without its metadata), before anything is written."""
    pairs: list[tuple[str, str]] = []
    media: CheckedFile | None = None
    try:
        async with request.form(max_files=1, max_fields=200) as fields:
            for key, value in fields.multi_items():
                if isinstance(value, str):
                    pairs.append((key, value))
                    continue
                if key != "media":
                    raise Open311Error(400, f"{echo(key)}: only media may be a file.")
                media = await _checked_media(value, settings)
    except HTTPException as exc:  # a malformed multipart body, in GeoReport's words
        raise Open311Error(400, f"The multipart body could not be read: {exc.detail}") from None
    return wire.form_of(pairs), media


async def _checked_media(upload: UploadFile, settings: Settings) -> CheckedFile | None:
    if upload.size == 0 and not upload.filename:
        return None  # a form's empty file field: no photo sent
    try:
        if upload.size is not None:
            check_size(upload.size, settings.evidence_max_file_bytes, upload.filename)
        data = await upload.read()
        return await asyncio.to_thread(
            check_evidence,
            data,
            upload.filename,
            upload.content_type,
            max_bytes=settings.evidence_max_file_bytes,
            max_pixels=settings.evidence_max_image_pixels,
        )
    except EvidenceRefused as exc:
        name = f"{echo(exc.filename)}: " if exc.filename else ""
        raise Open311Error(exc.status_code, f"media: {name}{exc.message}") from None


@router.post(
    "/requests.{format}",
    responses={
        **_POST_RESPONSES,
        413: {"description": "GeoReport errors: the media file is too large", "content": _BOTH},
        415: {"description": "GeoReport errors: the media file is not taken", "content": _BOTH},
        422: {"description": "GeoReport errors: the media file is unreadable", "content": _BOTH},
    },
    response_class=Response,
    openapi_extra=_FORM_BODY,
)
async def post_service_request(
    format: FormatParam, request: Request, work: WorkDep, settings: Settings, store: StoreDep
) -> Response:
    """Report ASB as a GeoReport service request: form-encoded, or multipart with a photo,
    recording or video in ``media`` (kept as evidence with the report). The service_request_id
    returned is the report's reference, with a token GET tokens looks up. A client that may
    retry sends an Idempotency-Key header: a retry with it gets the first answer, never a
    second report."""
    fmt = format_of(format)
    try:
        await _LIMITED(request)
    except ApiError as exc:  # in GeoReport's words, still with its Retry-After
        refused = _error(fmt, Open311Error(exc.status_code, exc.message))
        refused.headers.update(exc.headers or {})
        return refused
    try:
        if fmt is None:
            raise unknown_format(format)
        media: CheckedFile | None = None
        content_type = request.headers.get("content-type")
        if wire.media_type_of(content_type) == wire.MULTIPART:
            form, media = await _multipart(request, settings)
        else:
            form = wire.parse_form(await request.body(), content_type)
        form = wire.merge(form, request.query_params.multi_items())
        key = wire.idempotency_key(request.headers.get("idempotency-key"))
        made = inbound.submission(form, now=datetime.now(UTC))
    except Open311Error as exc:
        return _error(fmt, exc)
    what = inbound.fingerprint(form, media.sha256 if media else None)
    retry = retryable(settings, inbound.IDEMPOTENCY_SCOPE, key, what)
    stored: list[StoredEvidence] = []

    async def make() -> inbound.Posted:
        if media is not None:
            stored.append(await store_checked(store, made.report.organisation_id, media))
        accepted = await accept_report(
            uow, AcceptReport(made.report, inbound.CHANNEL, evidence=stored)
        )
        return inbound.posted(accepted.reference, str(accepted.id), made.service_notice())

    try:
        async with work() as uow:
            answer = await once(uow, retry, make, status_code=200)
    except DomainError as exc:  # in GeoReport's words
        await discard(store, stored)
        return _error(fmt, _refused(exc))
    except BaseException:
        await discard(store, stored)
        raise
    if isinstance(answer, Replay):
        body, media_type = encode(fmt, "service_requests", answer.body["service_requests"])
        return Response(body, media_type=media_type, headers=REPLAYED)
    return _answer(fmt, "service_requests", answer.service_requests)


@router.get("/discovery.{format}", responses=_RESPONSES, response_class=Response)
async def get_discovery(format: FormatParam, settings: Settings) -> Response:
    """GeoReport's service discovery: the v2 endpoint, its formats, and that no key is needed."""
    fmt = format_of(format)
    if fmt is None:
        return _error(fmt, unknown_format(format))
    site = settings.resident_site_url or settings.public_base_url
    contact = f"Your landlord's anti-social behaviour team: {site.rstrip('/')}"
    endpoint = f"{settings.public_base_url.rstrip('/')}{router.prefix}/"
    return _answer(fmt, "discovery", catalogue.discovery(endpoint, contact))


@router.get("/tokens/{token}.{format}", responses=_RESPONSES, response_class=Response)
async def get_token(
    token: str, format: FormatParam, work: WorkDep, jurisdiction_id: JurisdictionParam = None
) -> Response:
    """The service_request_id a POST's token stands for (a request made through Open311)."""
    fmt = format_of(format)
    try:
        if fmt is None:
            raise unknown_format(format)
        organisation_id = jurisdiction(jurisdiction_id, required=False)
        wanted = query.token_of(token)
        found = []
        if wanted is not None:
            async with work() as uow:
                found = await query.find_token(uow, wanted, organisation_id)
        if not found:
            raise Open311Error(404, f"token '{echo(token)}' was not found.")
        return _answer(fmt, "service_requests", found)
    except Open311Error as exc:
        return _error(fmt, exc)


@router.get("/requests.{format}", responses=_RESPONSES, response_class=Response)
async def get_service_requests(
    format: FormatParam,
    request: Request,
    work: WorkDep,
    jurisdiction_id: JurisdictionParam = None,
    service_request_id: Annotated[str | None, Query(description="comma delimited")] = None,
    service_code: Annotated[str | None, Query(description="comma delimited")] = None,
    start_date: Annotated[
        str | None, Query(description="w3 format, e.g. 2010-01-01T00:00:00Z")
    ] = None,
    end_date: Annotated[
        str | None, Query(description="w3 format, e.g. 2010-01-01T00:00:00Z")
    ] = None,
    status: Annotated[str | None, Query(description="open, closed, or both")] = None,
    page_size: Annotated[str | None, Query(description="at most 1000 (the default)")] = None,
) -> Response:
    """Requests made through Open311, newest first: at most 90 days or 1000 of them. Only what
    may be public is shown (no reporter's words, contact details or exact location)."""
    # The parameters above document the API; they are read again from the query string, where
    # GeoReport lets service_code and status be declared more than once.
    fmt = format_of(format)
    try:
        if fmt is None:
            raise unknown_format(format)
        asked = query.request_query(_params(request), now=datetime.now(UTC))
    except Open311Error as exc:
        return _error(fmt, exc)
    async with work() as uow:
        found = await query.find_requests(uow, asked)
    return _answer(fmt, "service_requests", found)


@router.get(
    "/requests/{service_request_id}.{format}", responses=_RESPONSES, response_class=Response
)
async def get_service_request(
    service_request_id: str,
    format: FormatParam,
    work: WorkDep,
    jurisdiction_id: JurisdictionParam = None,
) -> Response:
    """One request made through Open311, as GET requests shows it."""
    fmt = format_of(format)
    try:
        if fmt is None:
            raise unknown_format(format)
        organisation_id = jurisdiction(jurisdiction_id, required=True)
        assert organisation_id is not None
        asked = query.RequestQuery(organisation_id, references=(service_request_id,), limit=1)
        async with work() as uow:
            found = await query.find_requests(uow, asked)
        if not found:
            raise Open311Error(
                404,
                f"service_request_id '{echo(service_request_id)}' was not found "
                "in this jurisdiction.",
            )
        return _answer(fmt, "service_requests", found)
    except Open311Error as exc:
        return _error(fmt, exc)


@router.api_route(
    "/{path:path}", methods=["GET", "POST"], include_in_schema=False, response_class=Response
)
async def not_georeport(path: str) -> Response:
    """Anything else under /open311/v2 answers as GeoReport does, not in our common shape."""
    fmt = Format.JSON if path.endswith(".json") else Format.XML
    return _error(
        fmt,
        Open311Error(
            404,
            "This is not a GeoReport v2 URL: use discovery, services, services/{service_code}, "
            "requests, requests/{service_request_id} or tokens/{token}, ending in .xml or .json.",
        ),
    )
