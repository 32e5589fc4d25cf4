"""The staff console's application: its own entrypoint (``python -m web console``) and port, so
a landlord can put the resident site on the internet and keep the console on its own network.

Built as the site is (:func:`web.app.create_site`), from the same pieces where the rule is the
same: the security headers (a strict CSP; forms may also lead to the identity provider, where
signing out ends), the CSRF token, the session pattern, the Jinja environment, the problem page
and the health routes. What is its own: staff sessions with their timeouts, signing in with the
landlord's identity provider, and the pages, which call the services with the member of staff's
own token so that each service's authorisation decides what they see.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import urlsplit

from asb_shared.db import Database
from asb_shared.observability import BodySizeLimitMiddleware, RequestContextMiddleware
from asb_shared.service import ServiceDefinition, check_database, health_routes
from asb_shared.settings import ServiceSettings
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from ..app import ProblemPageMiddleware
from ..site.apis import Api, ApiRefused, Apis, ApiUnavailable
from ..site.security import SecurityHeadersMiddleware, policy
from . import language, my_cases, team
from .pages import paths_of, render
from .provider import Provider
from .routers import ROUTERS
from .sessions import StaffSessionStore
from .settings import ConsoleSettings
from .signin import StaffSessionMiddleware, sign_in_redirect
from .signin import router as signin_router
from .staff import SignInRequired

log = logging.getLogger(__name__)

OWN_ROUTERS = (signin_router, language.router, my_cases.router, team.router)
"""The console's own pages; the other pages' routers are in :data:`routers.ROUTERS`."""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def create_console(
    definition: ServiceDefinition, settings: ServiceSettings | None = None
) -> FastAPI:
    console_settings = settings or definition.settings()
    if not isinstance(console_settings, ConsoleSettings):
        raise TypeError("the console is built with ConsoleSettings")
    s = console_settings
    logging.getLogger("httpx").setLevel(logging.WARNING)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database(s.resolved_database_url(), pool_size=s.database_pool_size)
        app.state.db = db
        app.state.staff_sessions = StaffSessionStore(
            db,
            s.session_secret.get_secret_value(),
            idle=timedelta(minutes=s.staff_session_idle_minutes),
            absolute=timedelta(minutes=s.staff_session_absolute_minutes),
        )
        app.state.apis = Apis(
            intake=Api("intake", s.intake_url, s.api_timeout_seconds),
            casework=Api("casework", s.casework_url, s.api_timeout_seconds),
            notifications=Api("notifications", s.notifications_url, s.api_timeout_seconds),
            partner_gateway=Api("partner-gateway", s.partner_gateway_url, s.api_timeout_seconds),
            engagement=Api("engagement", s.engagement_url, s.api_timeout_seconds),
        )
        try:
            yield
        finally:
            await app.state.apis.close()
            await db.dispose()

    app = FastAPI(
        title="ASB staff console",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = s
    app.state.provider = Provider(s)

    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired) -> Response:
        return sign_in_redirect(request)

    @app.exception_handler(ApiRefused)
    async def _refused(request: Request, exc: ApiRefused) -> Response:
        if exc.status == 401:
            # The service no longer takes the token: sign in again, back to this page.
            session = getattr(request.state, "staff_session", None)
            if session is not None:
                await app.state.staff_sessions.end(session)
            return sign_in_redirect(request)
        if exc.status == 403:
            return render(request, "console/no_access.html", status=403)
        if exc.status == 404:
            return render(request, "console/not_found.html", status=404)
        log.warning("api refused", extra={"status": exc.status, "code": exc.code})
        return render(request, "console/problem.html", status=502)

    @app.exception_handler(ApiUnavailable)
    async def _unavailable(request: Request, exc: ApiUnavailable) -> Response:
        return render(request, "console/problem.html", status=503, unavailable=str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400 and exc.detail == "csrf":
            return render(request, "console/expired.html", status=400)
        if exc.status_code == 403:
            return render(request, "console/no_access.html", status=403)
        if exc.status_code in (404, 405):
            return render(request, "console/not_found.html", status=404)
        return render(request, "console/problem.html", status=exc.status_code)

    @app.exception_handler(ValueError)
    async def _bad_request(request: Request, exc: ValueError) -> Response:
        return render(request, "console/not_found.html", status=400)

    async def checks() -> dict[str, str]:
        try:
            await app.state.provider.metadata()
            provider = "ok"
        except Exception as exc:
            provider = f"failed: {type(exc).__name__}"
        return {
            "database": await check_database(app.state.db),
            "casework": await app.state.apis.casework.ready(),
            "identity_provider": provider,
        }

    health_routes(app, checks)
    app.mount("/assets", StaticFiles(directory=s.frontend_dir / "assets"), name="assets")
    app.mount("/static/govuk", StaticFiles(directory=s.frontend_dir), name="govuk")
    app.mount(
        "/static/site",
        StaticFiles(directory=__file__.rsplit("/", 2)[0] + "/static"),
        name="site-static",
    )
    for router in (*OWN_ROUTERS, *ROUTERS):
        app.include_router(router)
    app.state.served_paths = paths_of((*OWN_ROUTERS, *ROUTERS))

    # Innermost first, as the site's: the problem page inside the request context, the staff
    # session saved before the headers go, the security headers on every answer.
    app.add_middleware(ProblemPageMiddleware)
    app.add_middleware(
        StaffSessionMiddleware, cookie=s.staff_session_cookie, secure=not s.development
    )
    app.add_middleware(
        SecurityHeadersMiddleware,
        hsts=not s.development,
        csp=policy(form_action=(_origin(s.oidc_issuer),)),
    )
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=s.max_body_bytes)
    app.add_middleware(RequestContextMiddleware, service="web-console")
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=s.trusted_proxies)
    return app
