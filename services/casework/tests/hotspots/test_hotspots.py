"""Hotspots against the real database: by district, sector and point, per month (London time)
and category; a domestic-abuse report never on a point; another landlord's reports never."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from asb_shared.contracts.common import AsbCategory, Location
from asb_shared.contracts.intake import Reporter
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework_samples import bearer, received_v2, sql

ORG = uuid.uuid4()


async def _report(
    reference: str, test_env: TestEnvironment, org: uuid.UUID = ORG, **changes: Any
) -> None:
    event = received_v2(
        reference, reporter=Reporter(name="Kim", email=f"{reference}@example.org"), **changes
    )
    await publish_event(test_env, event, organisation_id=org)
    await eventually(
        lambda: sql(test_env, "SELECT 1 FROM report_index WHERE report_id = $1", event.report_id)
    )


@pytest.fixture(scope="module")
async def reports(client: httpx.AsyncClient, test_env: TestEnvironment) -> None:
    def at(y: int, m: int, d: int, h: int = 12) -> datetime:
        return datetime(y, m, d, h, tzinfo=UTC)

    jan = {"received_at": at(2026, 1, 10), "occurred_at": at(2026, 1, 9)}
    # 23:30 UTC on 31 May is 00:30 on 1 June in London: a June report.
    june = {"received_at": at(2026, 5, 31, 23).replace(minute=30), "occurred_at": at(2026, 5, 30)}
    here = {"latitude": 53.40912, "longitude": -2.15849}
    await _report(
        "ASB-2026-550001",
        test_env,
        location=Location(address="1 A St", postcode="SK1 1AA", **here),
        **jan,
    )
    await _report(
        "ASB-2026-550002", test_env,
        location=Location(address="2 B St", postcode="SK1 1AB", latitude=53.40921, longitude=-2.15811),
        categories=[AsbCategory.NOISE, AsbCategory.DRUGS], **jan,
    )  # fmt: skip
    await _report(
        "ASB-2026-550003", test_env, location=Location(address="3 C St", postcode="SK1 2AA"), **june
    )
    await _report(
        "ASB-2026-550004", test_env,
        location=Location(address="4 D St", postcode="SK2 6PL", latitude=53.4, longitude=-2.1),
        categories=[AsbCategory.DOMESTIC_ABUSE], description="He hits me.", **jan,
    )  # fmt: skip
    await _report(
        "ASB-2026-550005", test_env, org=uuid.uuid4(),
        location=Location(address="5 E St", postcode="SK1 1AA", **here), **jan,
    )  # fmt: skip


async def _get(
    client: httpx.AsyncClient, test_env: TestEnvironment, url: str, **params: Any
) -> httpx.Response:
    params = {"from": "2026-01-01", "to": "2026-06-30"} | params
    return await client.get(url, params=params, headers=bearer(test_env, "officer", org=ORG))


def _rows(response: httpx.Response) -> set[tuple[Any, ...]]:
    assert response.status_code == 200, response.text
    return {(i["area"], i["month"], i["category"], i["count"]) for i in response.json()["items"]}


async def test_by_district_and_sector_per_month_and_category(
    reports: None, client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    assert _rows(await _get(client, test_env, "/v1/hotspots", level="district")) == {
        ("SK1", "2026-01", "noise", 2),
        ("SK1", "2026-01", "drugs", 1),
        ("SK1", "2026-06", "noise", 1),
        ("SK2", "2026-01", "domestic_abuse", 1),
    }
    assert _rows(
        await _get(client, test_env, "/v1/hotspots", level="sector", category="noise")
    ) == {
        ("SK1 1", "2026-01", "noise", 2),
        ("SK1 2", "2026-06", "noise", 1),
    }
    only_june = await _get(client, test_env, "/v1/hotspots", **{"from": "2026-06-01"})
    assert _rows(only_june) == {("SK1", "2026-06", "noise", 1)}


async def test_by_point_never_placing_domestic_abuse(
    reports: None, client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    assert _rows(await _get(client, test_env, "/v1/hotspots", level="point")) == {
        ("53.409,-2.158", "2026-01", "noise", 2),
        ("53.409,-2.158", "2026-01", "drugs", 1),
    }
    geo = await _get(client, test_env, "/v1/hotspots.geojson")
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    assert {f["properties"]["category"] for f in features} == {"noise", "drugs"}
    assert all(f["geometry"]["coordinates"] == [-2.158, 53.409] for f in features)
    districts = (await _get(client, test_env, "/v1/hotspots.geojson", level="district")).json()
    sk2 = [f for f in districts["features"] if f["properties"]["area"] == "SK2"]
    assert sk2 and sk2[0]["properties"]["count"] == 1
    assert sk2[0]["geometry"] is None  # its one report is domestic abuse: not placed at all
    sk1 = [f for f in districts["features"] if f["properties"]["area"] == "SK1"]
    assert all(f["geometry"] is not None for f in sk1 if f["properties"]["month"] == "2026-01")


async def test_another_landlords_staff_see_none_of_it(
    reports: None, client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    theirs = await client.get(
        "/v1/hotspots",
        params={"from": "2026-01-01", "to": "2026-06-30"},
        headers=bearer(test_env, "officer", org=uuid.uuid4()),
    )
    assert theirs.json()["items"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-01", "to": "2026-01-01"}, "to"),
        ({"from": "2000-01-01", "to": "2026-01-01"}, "to"),
        ({"from": "yesterday", "to": "2026-01-01"}, "from"),
        ({"from": "2026-01-01", "to": "2026-02-01", "level": "street"}, "level"),
        ({"from": "2026-01-01", "to": "2026-02-01", "category": "nope"}, "category"),
        ({"to": "2026-02-01"}, "from"),
    ],
)
async def test_bad_input_is_a_422_naming_the_field(
    client: httpx.AsyncClient, test_env: TestEnvironment, params: dict[str, str], field: str
) -> None:
    got = await client.get("/v1/hotspots", params=params, headers=bearer(test_env, "officer"))
    assert got.status_code == 422, got.text
    assert field in [d["field"].split(".")[-1] for d in got.json()["error"]["details"]]
