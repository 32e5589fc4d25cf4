"""``GET /v1/hotspots`` (JSON) and ``GET /v1/hotspots.geojson`` (a map's layer)."""

from __future__ import annotations

from typing import Annotated

from asb_shared.auth import Principal
from asb_shared.auth.groups import CaseStaff
from asb_shared.contracts.common import AsbCategory
from asb_shared.service import WorkDep
from asb_shared.types import Day
from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..api import STAFF_ERRORS
from .areas import AreaCount, Level, geojson
from .usecases import Hotspots, hotspots

router = APIRouter(tags=["hotspots"], responses=STAFF_ERRORS)


class AreaCountOut(BaseModel):
    area: str
    month: str
    category: str
    count: int
    latitude: float | None
    longitude: float | None


class HotspotsOut(BaseModel):
    level: Level
    items: list[AreaCountOut]


From = Annotated[Day, Query(alias="from", description="first day counted (London)")]
To = Annotated[Day, Query(description="last day counted (London), inclusive")]


async def _counts(principal: Principal, work: WorkDep, query: Hotspots) -> list[AreaCount]:
    async with work(principal) as uow:
        return await hotspots(uow, query)


@router.get("/v1/hotspots", response_model=HotspotsOut)
async def hotspots_json(
    principal: CaseStaff,
    work: WorkDep,
    start: From,
    to: To,
    level: Level = Level.DISTRICT,
    category: AsbCategory | None = None,
) -> HotspotsOut:
    """Reports counted by area (postcode district, sector or point), month and category."""
    counts = await _counts(principal, work, Hotspots(level, start, to, category))
    return HotspotsOut(
        level=level, items=[AreaCountOut.model_validate(c, from_attributes=True) for c in counts]
    )


@router.get(
    "/v1/hotspots.geojson",
    response_class=JSONResponse,
    responses={200: {"content": {"application/geo+json": {}}}},
)
async def hotspots_geojson(
    principal: CaseStaff,
    work: WorkDep,
    start: From,
    to: To,
    level: Level = Level.POINT,
    category: AsbCategory | None = None,
) -> JSONResponse:
    """The same counts as a GeoJSON FeatureCollection for a map."""
    counts = await _counts(principal, work, Hotspots(level, start, to, category))
    return JSONResponse(geojson(level, counts), media_type="application/geo+json")
