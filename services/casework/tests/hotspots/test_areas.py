"""How counts are shaped for a map."""

from __future__ import annotations

from casework.hotspots.areas import AreaCount, Level, geojson, point_area


def test_points_are_snapped_to_a_100_metre_grid() -> None:
    assert point_area(53.40912, -2.15849) == "53.409,-2.158"
    assert point_area(53.4086, -2.1584) == "53.409,-2.158"


def test_geojson_places_points_and_leaves_unplaced_areas_without_geometry() -> None:
    counts = [
        AreaCount("53.409,-2.158", "2026-01", "noise", 3, 53.409, -2.158),
        AreaCount("SK1", "2026-01", "drugs", 2),
    ]
    collection = geojson(Level.POINT, counts)
    assert collection["type"] == "FeatureCollection"
    first, second = collection["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [-2.158, 53.409]}
    assert first["properties"] == {
        "level": "point",
        "area": "53.409,-2.158",
        "month": "2026-01",
        "category": "noise",
        "count": 3,
    }
    assert second["geometry"] is None
