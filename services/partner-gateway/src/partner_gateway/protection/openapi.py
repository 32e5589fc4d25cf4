"""The partner API in its own OpenAPI document (``/partner/v1/openapi.json``, ``/partner/v1/docs``,
``/partner/v1/redoc``): what a partner's developers need, without the landlord's staff
endpoints. Swagger UI and ReDoc come from the packaged assets the service's own docs use (never
a CDN); like those docs, none of it is served unless the settings serve docs (``API_DOCS``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from asb_shared.errors import ApiError, document_body_answers
from asb_shared.headers import DOCS_ASSETS
from asb_shared.openapi import document_security
from asb_shared.settings import ServiceSettings
from fastapi import APIRouter, Depends, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse

from ..settings import PartnerGatewaySettings


async def _served(request: Request) -> None:
    settings = request.app.state.settings
    if not isinstance(settings, ServiceSettings) or not settings.serves_docs:
        raise ApiError(404, "not_found", "Not found.")


def partner_docs(
    routers: Sequence[APIRouter], webhooks: Mapping[str, Any] | None = None
) -> APIRouter:
    """The partner API's document and pages: its routers' operations, and ``webhooks``, the
    OpenAPI 3.1 description of what a partner's endpoint is sent (the webhooks feature's)."""
    router = APIRouter(include_in_schema=False, dependencies=[Depends(_served)])
    routes = [r for router_ in routers for r in router_.routes]
    cache: dict[str, Any] = {}

    @router.get("/partner/v1/openapi.json")
    async def openapi(request: Request) -> dict[str, Any]:
        if not cache:
            cache.update(
                document_body_answers(
                    get_openapi(
                        title="ASB partner API",
                        version="1.0.0",
                        description=(
                            "For partner agencies working cases with a landlord under information "
                            "sharing agreements. Get a token with OAuth2 client credentials at "
                            "/partner/oauth/token; every call is checked against the agreements in "
                            "force and audited. Writes need an Idempotency-Key header. Webhooks are "
                            "signed per the Standard Webhooks specification. The token "
                            "endpoint and the scopes are also published as OAuth 2.0 "
                            "authorization server metadata (RFC 8414) at "
                            "/.well-known/oauth-authorization-server."
                        ),
                        routes=routes,
                        webhooks=None,
                    )
                )
            )
            if webhooks:
                cache["webhooks"] = dict(webhooks)
            settings = request.app.state.settings
            public = (
                settings.partner_public_url if isinstance(settings, PartnerGatewaySettings) else "/"
            )
            document_security(cache, servers=[{"url": public, "description": "The partner API"}])
        return cache

    @router.get("/partner/v1/docs")
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/partner/v1/openapi.json",
            title="ASB partner API",
            swagger_js_url=f"{DOCS_ASSETS}swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}favicon.png",
        )

    @router.get("/partner/v1/redoc")
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url="/partner/v1/openapi.json",
            title="ASB partner API",
            redoc_js_url=f"{DOCS_ASSETS}redoc.standalone.js",
            redoc_favicon_url=f"{DOCS_ASSETS}favicon.png",
            with_google_fonts=False,
        )

    return router
