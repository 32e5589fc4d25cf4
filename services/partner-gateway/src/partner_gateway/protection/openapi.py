"""The partner API in its own OpenAPI document (``/partner/v1/openapi.json``, ``/partner/v1/docs``):
what a partner's developers need, without the landlord's staff endpoints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from asb_shared.errors import document_body_answers
from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse


def partner_docs(routers: Sequence[APIRouter]) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    routes = [r for router_ in routers for r in router_.routes]
    cache: dict[str, Any] = {}

    @router.get("/partner/v1/openapi.json")
    async def openapi() -> dict[str, Any]:
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
                            "signed per the Standard Webhooks specification."
                        ),
                        routes=routes,
                    )
                )
            )
        return cache

    @router.get("/partner/v1/docs")
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/partner/v1/openapi.json", title="ASB partner API")

    return router
