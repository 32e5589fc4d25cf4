"""What Open311 shows to anyone (pure rules): a district, a rounded point, or nothing at all."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from intake.open311.privacy import PUBLIC_DESCRIPTION, district, public_request


def row(category: str, **changes: object) -> SimpleNamespace:
    at = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    values: dict[str, object] = {
        "reference": "ASB-2026-000001",
        "categories": [category],
        "location_postcode": "SK1 3XE",
        "location_latitude": 53.4106123,
        "location_longitude": -2.1575456,
        "received_at": at,
        "status": "received",
        "updated_at": at,
    }
    values.update(changes)
    return SimpleNamespace(**values)


def test_a_location_is_a_district_and_a_point_rounded_to_a_street() -> None:
    shown = public_request(row("noise"))
    assert (shown["address"], shown["zipcode"], shown["address_id"]) == ("SK1", "SK1", None)
    assert (shown["lat"], shown["long"]) == (53.411, -2.158)
    assert shown["description"] == PUBLIC_DESCRIPTION


def test_where_a_location_points_at_a_victim_none_is_shown() -> None:
    for category in ("domestic_abuse", "hate_incident", "cuckooing", "personal_allegation"):
        shown = public_request(row(category))
        assert (shown["address"], shown["zipcode"], shown["lat"], shown["long"]) == (
            None,
            None,
            None,
            None,
        )


def test_a_postcode_too_short_gives_no_district() -> None:
    assert district("SK1") is None
    assert district("sk13xe") == "SK1"
