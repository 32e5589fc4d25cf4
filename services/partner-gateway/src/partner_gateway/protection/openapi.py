"""The partner API in its own OpenAPI document (``/partner/v1/openapi.json``, ``/partner/v1/docs``,
``/partner/v1/redoc``): what a partner's developers need, without the landlord's staff
endpoints. Swagger UI and ReDoc come from the packaged assets the service's own docs use (never
a CDN); like those docs, none of it is served unless the settings serve docs (``API_DOCS``)."""

from __future__ import annotations

from collections.abc import Sequence
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
from ..webhooks.rules import EventType

_WEBHOOK_DATA = {
    EventType.CASE_SHARED: "The case as shared with you: the fields your agreement allows.",
    EventType.CASE_UPDATED: "A shared case moved on (status, officer), redacted to your agreement.",
    EventType.CASE_CLOSED: "A shared case was closed, with its outcome if your agreement allows it.",
    EventType.CASE_UNSHARED: "A case is no longer shared with you (the agreement ended or was "
    "withdrawn): delete what you hold of it as your agreement says.",
    EventType.SAFEGUARDING_REFERRAL_RECEIVED: "A MASH or MARAC referral for your agency.",
    EventType.CONFERENCE_INVITED: "An invitation to a case conference.",
    EventType.CONFERENCE_ACTION_ASSIGNED: "An action from a case conference, assigned to you.",
}


def webhooks() -> dict[str, Any]:
    """Each event a partner's endpoint may be sent (OpenAPI 3.1 ``webhooks``), as the
    gateway's dispatcher sends it: a POST signed per the Standard Webhooks specification."""
    signed = [
        {
            "name": name,
            "in": "header",
            "required": True,
            "description": description,
            "schema": {"type": "string"},
        }
        for name, description in (
            ("webhook-id", "The message's id (msg_...): the same on every retry of it."),
            ("webhook-timestamp", "When it was sent, in seconds since the epoch."),
            (
                "webhook-signature",
                "v1,<base64 HMAC-SHA256 of id.timestamp.body> with your endpoint's secret (two "
                "signatures, space separated, while a rotation's overlap lasts).",
            ),
        )
    ]
    found: dict[str, Any] = {}
    for event, data in _WEBHOOK_DATA.items():
        found[event.value] = {
            "post": {
                "summary": f"{event.value}: {data}",
                "operationId": f"webhook_{event.name.lower()}",
                "tags": ["partner API: webhooks"],
                "security": [],
                "parameters": signed,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["type", "timestamp", "data"],
                                "properties": {
                                    "type": {"const": event.value},
                                    "timestamp": {"type": "string", "format": "date-time"},
                                    "data": {"type": "object", "description": data},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {"description": "Received: any 2xx answer counts as delivered."},
                    "400": {
                        "description": "Any other answer (or none within the timeout) fails the "
                        "attempt: it is retried at growing delays, then the endpoint is paused."
                    },
                },
            }
        }
    return found


async def _served(request: Request) -> None:
    settings = request.app.state.settings
    if not isinstance(settings, ServiceSettings) or not settings.serves_docs:
        raise ApiError(404, "not_found", "Not found.")


def partner_docs(routers: Sequence[APIRouter]) -> APIRouter:
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
            cache["webhooks"] = webhooks()
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
