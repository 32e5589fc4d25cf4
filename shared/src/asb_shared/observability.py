"""Logs, correlation ids, metrics and request guards shared by every service.

The middlewares are plain ASGI (not ``BaseHTTPMiddleware``) so they cost little per request.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from collections.abc import Sequence
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from prometheus_client.openmetrics import exposition as openmetrics
from pythonjsonlogger.json import JsonFormatter
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import (
    ErrorBody,
    ErrorResponse,
    NoStatementValues,
    database_unavailable_response,
    error_response,
)
from .messaging.envelope import current_correlation_id, current_traceparent
from .outages import database_unavailable
from .tracing import traceparent

log = logging.getLogger(__name__)

HTTP_REQUESTS = Counter(
    "asb_http_requests_total", "HTTP requests", ["service", "method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "asb_http_request_seconds",
    "HTTP request latency",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)

CORRELATION_HEADER = "x-correlation-id"


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        correlation = current_correlation_id.get()
        record.correlation_id = str(correlation) if correlation else None
        record.traceparent = traceparent()
        return True


def configure_logging(service: str, level: str = "INFO", json_logs: bool = True) -> None:
    """JSON logs to stdout, each line carrying the service and the correlation id."""
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_ContextFilter(service))
    handler.addFilter(NoStatementValues())
    if json_logs:
        handler.setFormatter(
            JsonFormatter(
                "{asctime}{levelname}{name}{message}{service}{correlation_id}",
                style="{",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(service)s %(name)s: %(message)s")
        )
    handler.addFilter(RoutineReconnects())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiormq", "aio_pika"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("uvicorn.error").addFilter(_AlreadyLogged())


# What aio-pika and aiormq log, at WARNING or ERROR, about a connection the broker closed and
# its re-establishment: the template, and words one of its values must contain for the line to
# be routine (None: any). Anything else they log stays as it is.
_ROUTINE_BROKER_LINES: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    # Close callbacks of a channel or connection that is already closed.
    ("Callback %r error: %s: %s", ("closed", "Closed", "ChannelInvalidState", "Connection")),
    ("Failed to execute close callbacks for %s", None),
    # Each attempt while the broker is away.
    ('Connection attempt to "%s" failed: %s. ', None),
    ('Connection attempt to "%s" cancelled. ', None),
    ("Reconnect attempt failed %s due to %s: %s. ", ("Connection", "Channel", "Timeout", "closed")),
    ("error when creating transport: %r", ("Connection", "OSError", "Timeout", "refused")),
    # The broker closing the connection on purpose: 320 CONNECTION_FORCED (a restart, a
    # shutdown, an operator closing it).
    ("Unexpected connection close from remote", ("320",)),
    ("Cancelling cause reader exited abnormally", ("Connection", "closed", "reset")),
)


class RoutineReconnects(logging.Filter):
    """Turns aio-pika's and aiormq's lines about a broker connection that closed and is being
    re-established into DEBUG lines (shown only at LOG_LEVEL=DEBUG): the robust connection
    recovers by itself, and ``asb_shared.messaging.broker`` logs the loss once at WARNING
    with its reason and the return once at INFO. Their other warnings and errors stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or not record.name.startswith(("aio_pika", "aiormq")):
            return True
        template = str(record.msg)
        for start, words in _ROUTINE_BROKER_LINES:
            if not template.startswith(start):
                continue
            text = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                text += f" {type(record.exc_info[1]).__name__}: {record.exc_info[1]}"
            if words is None or any(w in text for w in words):
                record.levelno, record.levelname = logging.DEBUG, "DEBUG"
                return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True


class _AlreadyLogged(logging.Filter):
    """Drops uvicorn's copy of an unhandled request error: the error handler has logged it
    already, with the request's path and correlation id (uvicorn's copy has neither)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Exception in ASGI application")


def metrics_response(accept: str | None = None) -> Response:
    """This process's metrics: in OpenMetrics when the scraper asks for it (``Accept:
    application/openmetrics-text``, as Prometheus does), else in Prometheus's text format."""
    if accept and "application/openmetrics-text" in accept:
        body = openmetrics.generate_latest(REGISTRY)  # type: ignore[no-untyped-call]
        return Response(body, media_type=openmetrics.CONTENT_TYPE_LATEST)
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


def _parse_uuid(value: str | None) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


class RequestContextMiddleware:
    """Sets the correlation id and traceparent for the request, and records metrics.

    A caller's ``X-Correlation-ID`` (a UUID) is kept, otherwise one is made; it is echoed in the
    response and carried by every event the request emits.
    """

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        correlation = (
            _parse_uuid(headers.get(b"x-correlation-id", b"").decode(errors="ignore"))
            or uuid.uuid4()
        )
        traceparent = headers.get(b"traceparent", b"").decode(errors="ignore") or None
        token_c = current_correlation_id.set(correlation)
        token_t = current_traceparent.set(traceparent)
        status = 500
        started = False
        start = time.perf_counter()

        async def send_wrapper(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (b"x-correlation-id", str(correlation).encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:
            # Answered here, inside the request's context, so the 500 and its log line carry
            # the correlation id (Starlette's outermost handler runs after it is reset).
            unavailable = not started and database_unavailable(exc)
            if unavailable:
                response = database_unavailable_response(exc, self.service)
            else:
                log.exception("unhandled error", extra={"path": scope.get("path")})
                if started:
                    raise
                response = error_response(
                    500, "internal_error", "Something went wrong on our side."
                )
            await response(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", "unmatched")
            HTTP_REQUESTS.labels(self.service, scope["method"], path, str(status)).inc()
            HTTP_LATENCY.labels(self.service, scope["method"], path).observe(
                time.perf_counter() - start
            )
            current_correlation_id.reset(token_c)
            current_traceparent.reset(token_t)


class BodySizeLimitMiddleware:
    """Answers 413 in the common shape when a request body is larger than the limit.

    Declared lengths are refused before reading; chunked bodies are counted as they arrive.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int, uploads: Sequence[str] = (), max_upload_bytes: int = 0
    ) -> None:
        self.app = app
        self.default_max = max_bytes
        # File uploads (matched by path) may be larger than any JSON body.
        self.uploads = [re.compile(p) for p in uploads]
        self.max_upload_bytes = max_upload_bytes

    def _limit(self, path: str) -> int:
        if self.max_upload_bytes and any(p.fullmatch(path) for p in self.uploads):
            return self.max_upload_bytes
        return self.default_max

    async def _too_large(self, send: Send, limit: int) -> None:
        body = (
            ErrorResponse(
                error=ErrorBody(
                    code="payload_too_large",
                    message=f"The request body is larger than {limit} bytes.",
                )
            )
            .model_dump_json()
            .encode()
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope.get("path", ""))
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > limit
            except ValueError:
                too_big = False
            if too_big:
                await self._too_large(send, limit)
                return
            await self.app(scope, receive, send)
            return
        # No declared length (chunked): read it all, within the limit, then replay it.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._too_large(send, limit)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        replayed: list[dict[str, Any]] = [
            {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        ]

        async def replay() -> Message:
            if replayed:
                return replayed.pop()
            return await receive()

        await self.app(scope, replay, send)
