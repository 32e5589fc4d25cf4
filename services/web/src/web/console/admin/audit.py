"""The partner access log (``/admin/audit``): what each partner's systems read and wrote, under
which agreement, and what was refused, newest first, with the same entries as a CSV download.

The partner gateway keeps the log and makes the CSV (the platform's one export of audit logs);
the page passes on the filters: a partner, allowed or refused, and days in the UK.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import QueryParams

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import engagement, page, partner_gateway
from ..fields import UK, Unreadable, day
from ..staff import Staff
from . import words
from .common import refused_page, unreadable
from .history import clock

router = APIRouter(tags=["console: audit logs"])


def filters(query: QueryParams) -> dict[str, str]:
    """The gateway's filters from the page's: ``from`` and ``to`` are whole days in the UK."""
    found: dict[str, str] = {}
    for name in ("partner_id", "outcome"):
        if query.get(name):
            found[name] = str(query[name])
    if query.get("from"):
        start = datetime.combine(day(query, "from"), time(0), tzinfo=UK)
        found["since"] = start.isoformat()
    if query.get("to"):
        end = datetime.combine(day(query, "to") + timedelta(days=1), time(0), tzinfo=UK)
        found["until"] = end.isoformat()
    return found


@router.get("/admin/audit", response_class=HTMLResponse)
async def audit(request: Request, staff: Staff) -> Response:
    gateway = partner_gateway(request)
    if gateway is None:
        return await page(request, "console/admin/no_gateway.html", staff, status=404)
    asked = dict(request.query_params)
    errors = []
    try:
        params: dict[str, Any] = filters(request.query_params)
    except Unreadable as exc:
        errors, params = unreadable(exc), {}
    if request.query_params.get("cursor"):
        params["cursor"] = request.query_params["cursor"]
    try:
        entries, partners = await asyncio.gather(
            gateway.call("GET", "/v1/audit", headers=staff.bearer, params=params | {"limit": 50}),
            gateway.call("GET", "/v1/partners", headers=staff.bearer),
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    download = {k: v for k, v in asked.items() if k != "cursor" and v}
    return await page(
        request,
        "console/admin/audit.html",
        staff,
        status=422 if errors else 200,
        errors=errors,
        entries=entries,
        partners={p["id"]: p["name"] for p in partners},
        partner_options=[("", "Every partner", "")] + [(p["id"], p["name"], "") for p in partners],
        asked=asked,
        download=download,
        outcomes=words.OUTCOMES,
        clock=clock,
    )


@router.get("/admin/audit/partner-access.csv")
async def audit_csv(request: Request, staff: Staff) -> Response:
    """The gateway's CSV of the entries the filters find, as it made it."""
    gateway = partner_gateway(request)
    if gateway is None:
        return await page(request, "console/admin/no_gateway.html", staff, status=404)
    try:
        params = filters(request.query_params)
    except Unreadable:
        return await page(request, "console/not_found.html", staff, status=400)
    try:
        content, media_type, disposition = await gateway.download(
            "/v1/audit/export.csv", headers=staff.bearer, params=params
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"},
    )


READ_FILTERS = ("actor", "override_only")


def read_filters(query: QueryParams) -> dict[str, str]:
    """Engagement's filters from the page's: who read, overrides only, and from a day."""
    found = {name: str(query[name]) for name in READ_FILTERS if query.get(name)}
    if query.get("from"):
        found["since"] = datetime.combine(day(query, "from"), time(0), tzinfo=UK).isoformat()
    return found


@router.get("/admin/audit/engagement-reads", response_class=HTMLResponse)
async def engagement_reads(request: Request, staff: Staff) -> Response:
    """Every read of a Positive Engagement record: who, which view, and any safeguarding
    override with its concern and reason, newest first."""
    found = engagement(request)
    asked = dict(request.query_params)
    errors = []
    try:
        params: dict[str, Any] = read_filters(request.query_params)
    except Unreadable as exc:
        errors, params = unreadable(exc), {}
    if request.query_params.get("cursor"):
        params["cursor"] = request.query_params["cursor"]
    try:
        reads = await found.call(
            "GET", "/v1/audit/reads", headers=staff.bearer, params=params | {"limit": 50}
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return await page(
        request,
        "console/admin/engagement_reads.html",
        staff,
        status=422 if errors else 200,
        errors=errors,
        reads=reads,
        asked=asked,
        download={k: v for k, v in asked.items() if k in ("actor", "from") and v},
        clock=clock,
    )


@router.get("/admin/audit/engagement-reads.csv")
async def engagement_reads_csv(request: Request, staff: Staff) -> Response:
    """Engagement's CSV of the reads the filters find, as it made it."""
    found = engagement(request)
    try:
        params = read_filters(request.query_params)
    except Unreadable:
        return await page(request, "console/not_found.html", staff, status=400)
    params.pop("override_only", None)
    try:
        content, media_type, disposition = await found.download(
            "/v1/audit/reads/export.csv", headers=staff.bearer, params=params
        )
    except (ApiRefused, ApiUnavailable) as exc:
        return await refused_page(request, staff, exc)
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"},
    )
