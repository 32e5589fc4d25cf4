"""The hotspots map, ``/hotspots``: where reports were made, by postcode district, sector or
100 m point, per month and category, from the counts casework publishes.

The page is a table of the counts (for everyone: no JavaScript needed, read by screen readers)
and, with JavaScript, a Leaflet map drawing the GeoJSON casework publishes for the same period
(``/hotspots/map.geojson``, the console passing casework's answer on with the member of staff's
token). Casework never places a domestic-abuse report on a map (``casework/hotspots/areas.py``);
the console draws what it is given, and its tests check the rule holds on the way through.
The tile server is a setting (``MAP_TILES_URL``); without one the layer is drawn on a blank map.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from asb_shared.db import utcnow
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ...site.apis import ApiRefused, ApiUnavailable
from ..calls import casework, field_errors, page, refusal_page
from ..staff import Staff

router = APIRouter(tags=["console: hotspots"])

LEVELS = {"district": "Postcode district", "sector": "Postcode sector", "point": "100 m point"}
FIELDS = {
    "query.from": "from",
    "query.to": "to",
    "query.level": "level",
    "query.category": "category",
}


def _period(request: Request) -> dict[str, str]:
    """The period and filters asked for; by default the last three months to today."""
    today = utcnow().date()
    asked = {
        "from": request.query_params.get("from", "").strip()
        or (today - timedelta(days=90)).isoformat(),
        "to": request.query_params.get("to", "").strip() or today.isoformat(),
        "level": request.query_params.get("level", "district").strip(),
        "category": request.query_params.get("category", "").strip(),
    }
    if asked["level"] not in LEVELS:
        asked["level"] = "district"
    return asked


def _params(asked: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in asked.items() if v}


@router.get("/hotspots", response_class=HTMLResponse)
async def hotspots(request: Request, staff: Staff) -> Response:
    asked = _period(request)
    rows: list[dict[str, Any]] = []
    errors = []
    try:
        found = await casework(request).call(
            "GET", "/v1/hotspots", headers=staff.bearer, params=_params(asked)
        )
        rows = sorted(found["items"], key=lambda r: (-int(r["count"]), r["area"], r["month"]))
    except (ApiRefused, ApiUnavailable) as exc:
        shown = await refusal_page(request, staff, exc)
        if shown is not None:
            return shown
        assert isinstance(exc, ApiRefused)
        errors = field_errors(exc, FIELDS, "from")
    return await page(
        request,
        "console/hotspots/page.html",
        staff,
        status=422 if errors else 200,
        errors=errors,
        asked=asked,
        levels=LEVELS,
        rows=rows,
        total=sum(int(r["count"]) for r in rows),
        geojson=f"/hotspots/map.geojson?{urlencode(_params(asked))}",
        tiles=request.app.state.settings.map_tiles_url,
    )


@router.get("/hotspots/map.geojson")
async def hotspots_geojson(request: Request, staff: Staff) -> Response:
    """Casework's GeoJSON for the period asked, for the map's layer."""
    asked = _period(request)
    try:
        found = await casework(request).call(
            "GET", "/v1/hotspots.geojson", headers=staff.bearer, params=_params(asked)
        )
    except ApiUnavailable:
        return JSONResponse({"error": "unavailable"}, status_code=503)
    except ApiRefused as exc:
        return JSONResponse({"error": exc.code}, status_code=exc.status)
    return JSONResponse(found, media_type="application/geo+json")
