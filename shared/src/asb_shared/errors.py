"""One error shape for every service: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

import logging
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import Counter
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError, StatementError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from .outages import causes, database_outage, database_unavailable
from .usecase import DomainError

log = logging.getLogger(__name__)


def describe(exc: BaseException) -> str:
    """An error in words safe to log or store: never the values of a statement's parameters.

    A database error's message can quote the values it was given (a reporter's name, an email
    address); for those only the kinds of error and the statement's text (placeholders, no
    values) are kept. Used for every log line, retry header and stored error.
    """
    if isinstance(exc, StatementError):
        # SQLAlchemy's DBAPI error wraps its adapter's, which is caused by the driver's own
        # (AdminShutdownError, UniqueViolationError...): the driver's says what happened.
        orig = exc.orig
        driver = orig.__cause__ if orig is not None and orig.__cause__ is not None else orig
        cause = _kind(driver) if driver is not None else "unknown"
        return f"{type(exc).__name__}({cause}) in: {(exc.statement or '')[:300]}"
    if type(exc).__module__.startswith("asyncpg"):
        return _kind(exc)
    return repr(exc)[:1000]


def _kind(exc: BaseException) -> str:
    """An error's class and SQLSTATE, never its message (which may quote values)."""
    state = getattr(exc, "sqlstate", None)
    return f"{type(exc).__name__}(sqlstate={state})" if state else type(exc).__name__


def _is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, StatementError) or type(exc).__module__.startswith("asyncpg")


DATABASE_UNAVAILABLE = Counter(
    "asb_database_unavailable_total",
    "Requests answered 503 because the database could not be reached",
    ["service"],
)
RETRY_AFTER_SECONDS = 2


def database_unavailable_response(exc: BaseException, service: str) -> JSONResponse:
    """The answer to a request the database could not serve: 503 with ``Retry-After``, counted,
    and logged once per outage (never as an unhandled error)."""
    DATABASE_UNAVAILABLE.labels(service).inc()
    busy = isinstance(exc, PoolTimeout)
    database_outage.failed(describe(exc))
    if busy:
        # Every connection stayed busy: shed the load rather than fail obscurely.
        return error_response(
            503,
            "busy",
            "The service is busy; please try again in a moment.",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return error_response(
        503,
        "unavailable",
        "The service cannot reach its database just now; please try again in a moment.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


class NoStatementValues(logging.Filter):
    """Replaces the traceback of a database error in a log record by :func:`describe`, since
    the traceback's last line would quote the statement's values."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            if _is_database_error(exc):
                record.msg = f"{record.getMessage()}: {describe(exc)}"
                record.args = None
                record.exc_info = None
                record.exc_text = None
        return True


class ErrorDetail(BaseModel):
    """One problem with one field of the request."""

    field: str
    message: str
    type: str


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """The body of every 4xx and 5xx response."""

    error: ErrorBody


class ApiError(Exception):
    """Raise from a route to answer with the common error shape."""

    def __init__(
        self,
        status_code: int,
        code: str,
        message: str,
        details: list[ErrorDetail] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers


def error_response(
    status_code: int,
    code: str,
    message: str,
    details: list[ErrorDetail] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=code, message=message, details=details or []))
    return JSONResponse(body.model_dump(mode="json"), status_code=status_code, headers=headers)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    # ("body", "contact", "email") -> "contact.email"; the "body"/"query" prefix says where.
    parts = [str(p) for p in loc]
    if len(parts) > 1 and parts[0] in {"body", "query", "path", "header"}:
        return ".".join(parts[1:]) if parts[0] == "body" else f"{parts[0]}.{'.'.join(parts[1:])}"
    return ".".join(parts)


_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "too_many_requests",
}


def install_error_handlers(app: FastAPI) -> None:
    """Make every error, including FastAPI's own, answer in the common shape, never a trace."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status_code, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        # The one place a use case's refusal becomes an HTTP answer.
        details = [ErrorDetail(field=p.field, message=p.message, type=p.type) for p in exc.problems]
        body = ErrorResponse(
            error=ErrorBody(code=exc.code, message=exc.message, details=details)
        ).model_dump(mode="json")
        body["error"].update(exc.extra)
        return JSONResponse(body, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            ErrorDetail(
                field=_field(e.get("loc", ())),
                message=str(e.get("msg", "")),
                type=str(e.get("type", "")),
            )
            for e in exc.errors()
        ]
        malformed = any(d.type == "json_invalid" for d in details)
        return error_response(
            400 if malformed else 422,
            "malformed_json" if malformed else "validation_failed",
            "The request body is not valid JSON."
            if malformed
            else "The request has invalid fields.",
            details,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        return error_response(
            exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None)
        )

    async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
        if unstorable_text(exc):
            # Text the database cannot hold (a NUL, say) that a body's own checks let through.
            return error_response(
                422, "validation_failed", "The request has text that cannot be stored."
            )
        if not database_unavailable(exc):
            raise exc  # a real error: on to the unhandled-error path (500, logged)
        return database_unavailable_response(exc, _service_of(request))

    # Every kind an unreachable database shows up as; each is checked by database_unavailable.
    for kind in (SQLAlchemyError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
        app.add_exception_handler(kind, _unavailable)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", extra={"path": request.url.path})
        return error_response(500, "internal_error", "Something went wrong on our side.")


_UNSTORABLE_TEXT = frozenset({"22021", "22P05"})
"""character_not_in_repertoire, untranslatable_character: the text itself is refused."""


def unstorable_text(exc: BaseException) -> bool:
    """Whether the database refused a statement for the text it was given (a NUL character,
    an invalid sequence): the client's input, so a 422, never a 500."""
    return any(
        str(getattr(cause, "sqlstate", "") or "") in _UNSTORABLE_TEXT for cause in causes(exc)
    )


def _service_of(request: Request) -> str:
    settings = getattr(request.app.state, "settings", None)
    return str(getattr(settings, "service_name", None) or request.app.title)


def document_body_answers(openapi: dict[str, Any]) -> dict[str, Any]:
    """Declare, on every operation that takes a body, the answers any body may get before the
    handler sees it: 400 when it is not well-formed (not JSON, or not UTF-8) and 413 when it is
    over the size limit; and on every operation, 503 with Retry-After while the database cannot
    be reached; all in the common error shape. Returns the document, changed in place."""
    components = openapi.setdefault("components", {}).setdefault("schemas", {})
    error = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
    for model, schema in error.pop("$defs", {}).items():
        components.setdefault(model, schema)
    components.setdefault("ErrorResponse", error)
    shape = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
    answers = {
        "400": "The body is not well-formed (not JSON, or not UTF-8)",
        "413": "The body is over the size limit",
    }
    unavailable = {
        "description": "The database cannot be reached just now (or is busy): try again after "
        "the seconds in Retry-After",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        "content": shape,
    }
    for route, path in openapi.get("paths", {}).items():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            if route != "/healthz":
                responses.setdefault("503", unavailable)
            if "requestBody" in operation:
                for status, description in answers.items():
                    responses.setdefault(status, {"description": description, "content": shape})
    return openapi
