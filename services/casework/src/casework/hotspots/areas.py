"""How reports are placed and counted on a map, with no I/O.

* An **area** is a postcode district (``SK1``), a postcode sector (``SK1 1``) or a **point**: the
  report's coordinates rounded to :data:`GRID_DECIMALS` decimal places (about 100 m), so nearby
  reports add up and no single home is pinpointed.
* Reports are counted in the **month** they were received, in London time, once for each of
  their categories.
* A report of **domestic abuse** is never placed at a point: where a victim lives is not shown
  on a map, even to staff (it still counts in its district and sector, whose centre is taken
  from the other reports only).
* In GeoJSON a point is a ``Point``; a district or sector is placed at the mean of its reports'
  points when some have one, else it has no geometry (``null``, as RFC 7946 allows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

GRID_DECIMALS = 3
NOT_ON_A_MAP = frozenset({"domestic_abuse"})
"""Categories whose reports are never placed at a point."""


class Level(StrEnum):
    DISTRICT = "district"
    SECTOR = "sector"
    POINT = "point"


@dataclass(frozen=True)
class AreaCount:
    area: str
    month: str
    """``YYYY-MM``, London time."""
    category: str
    count: int
    latitude: float | None = None
    longitude: float | None = None


def point_area(latitude: float, longitude: float) -> str:
    """The name of a grid point: ``"53.409,-2.158"``."""
    return f"{round(latitude, GRID_DECIMALS):.{GRID_DECIMALS}f},{round(longitude, GRID_DECIMALS):.{GRID_DECIMALS}f}"


def geojson(level: Level, counts: Sequence[AreaCount]) -> dict[str, Any]:
    """The counts as a GeoJSON FeatureCollection, one feature per (area, month, category)."""
    features = []
    for c in counts:
        geometry = (
            {"type": "Point", "coordinates": [c.longitude, c.latitude]}
            if c.latitude is not None and c.longitude is not None
            else None
        )
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "level": level.value,
                    "area": c.area,
                    "month": c.month,
                    "category": c.category,
                    "count": c.count,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
