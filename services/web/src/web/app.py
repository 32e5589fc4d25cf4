"""The site's application: pages rendered on the server, assets served by the site itself.

Built beside :func:`asb_shared.service.create_api` rather than by it: a site answers in HTML,
keeps sessions, holds no broker, outbox or staff token validation, and is ready when its own
database and the APIs it calls answer. What it shares with every service is taken from there:
the proxy headers middleware (trusted proxies only), correlation ids and metrics, JSON logs,
``/healthz``, ``/readyz`` and ``/metrics``.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

from asb_shared.db import Database
from asb_shared.observability import BodySizeLimitMiddleware, RequestContextMiddleware
from asb_shared.service import ServiceDefinition, check_database, health_routes
from asb_shared.settings import ServiceSettings
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from .case_review.routes import router as case_review_router
from .follow.routes import router as follow_router
from .report.routes import router as report_router
from .settings import WebSettings
from .site.apis import Api, Apis
from .site.landlords import LandlordDirectory, LandlordHostMiddleware
from .site.pages import render
from .site.routes import router as site_router
from .site.security import SecurityHeadersMiddleware
from .site.sessions import SessionCookieMiddleware, SessionStore
from .survey.routes import router as survey_router

log = logging.getLogger(__name__)

STATIC = ("/assets/", "/static/", "/healthz", "/readyz", "/metrics")


class ProblemPageMiddleware:
    """An unexpected error becomes the "Sorry, there is a problem" page, never a trace; it is
    logged by its type alone (a message may quote what a resident typed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception as exc:
            log.error("page failed", extra={"error": type(exc).__name__})
            if started:
                raise
            response = render(Request(scope), "site/problem.html", status=500)
            await response(scope, receive, send)


def create_site(definition: ServiceDefinition, settings: ServiceSettings | None = None) -> FastAPI:
    site_settings = settings or definition.settings()
    if not isinstance(site_settings, WebSettings):
        raise TypeError("the site is built with WebSettings")
    s = site_settings
    # httpx logs each request's URL, which may name a report: only its warnings are kept.
    logging.getLogger("httpx").setLevel(logging.WARNING)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(s.resolved_database_url(), pool_size=s.database_pool_size)
        app.state.db = db
        app.state.sessions = SessionStore(
            db, s.session_secret.get_secret_value(), timedelta(minutes=s.session_idle_minutes)
        )
        app.state.apis = Apis(
            intake=Api("intake", s.intake_url, s.api_timeout_seconds),
            casework=Api("casework", s.casework_url, s.api_timeout_seconds),
            notifications=Api("notifications", s.notifications_url, s.api_timeout_seconds),
        )
        app.state.landlords = LandlordDirectory()
        try:
            yield
        finally:
            await app.state.apis.close()
            await db.dispose()

    app = FastAPI(
        title=definition.title,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = s

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400 and exc.detail == "csrf":
            return render(request, "site/expired.html", status=400)
        if exc.status_code == 404 or exc.status_code == 405:
            return render(request, "site/not_found.html", status=404)
        return render(request, "site/problem.html", status=exc.status_code)

    @app.exception_handler(ValueError)
    async def _bad_request(request: Request, exc: ValueError) -> HTMLResponse:
        # A malformed form or path (never a trace): the page the visitor can start again from.
        return render(request, "site/not_found.html", status=400)

    async def checks() -> dict[str, str]:
        return {
            "database": await check_database(app.state.db),
            "intake": await app.state.apis.intake.ready(),
            "casework": await app.state.apis.casework.ready(),
        }

    health_routes(app, checks)
    app.mount("/assets", StaticFiles(directory=s.frontend_dir / "assets"), name="assets")
    app.mount("/static/govuk", StaticFiles(directory=s.frontend_dir), name="govuk")
    app.mount(
        "/static/site",
        StaticFiles(directory=__file__.rsplit("/", 1)[0] + "/static"),
        name="site-static",
    )
    for router in (site_router, report_router, follow_router, survey_router, case_review_router):
        app.include_router(router)

    # Innermost first: the problem page inside the request context (its log line carries the
    # correlation id), the session saved before the headers go, the security headers on all.
    app.add_middleware(ProblemPageMiddleware)
    app.add_middleware(SessionCookieMiddleware, cookie=s.session_cookie, secure=not s.development)
    app.add_middleware(SecurityHeadersMiddleware, hsts=not s.development)
    # Forms are small; evidence uploads may be as large as intake takes (its own limits, per
    # file and in all, are explained on the page when it refuses).
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=s.max_body_bytes,
        uploads=[r"/[a-z]{2,6}/follow/[^/]+/evidence", r"/follow/[^/]+/evidence"],
        max_upload_bytes=(s.evidence_max_files * s.evidence_max_file_mb + 1) * 1024 * 1024,
    )
    if s.landlord_by == "host":
        app.add_middleware(LandlordHostMiddleware, hosts=s.landlord_hosts, unprefixed=STATIC)
    app.add_middleware(RequestContextMiddleware, service=definition.name)
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=s.trusted_proxies)
    return app
