"""Open311 GeoReport v2 driven by the GeoReport clients integrators use, from PyPI, against
intake's real API served over HTTP (real database and broker).

``georeport`` covers the GET calls, in JSON and in XML; ``three`` (the client FixMyStreet-style
apps were modelled on) adds discovery, tokens and a POST with a photo in ``media`` as
multipart/form-data. ``three`` was written for Python 2: its one Python 2 import
(``itertools.ifilter``) is given the builtin ``filter``, and nothing else of it is changed.
"""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import httpx
import pytest
from asb_shared.calendar import LONDON
from asb_shared.testing import TestEnvironment, count_rows, served_apart
from georeport import GeoReport  # type: ignore[import-untyped]
from intake.main import definition
from intake_samples import tiny_jpeg

if not hasattr(itertools, "ifilter"):
    itertools.ifilter = filter  # type: ignore[attr-defined]
from three import Three  # type: ignore[import-untyped]

T = TypeVar("T")


@pytest.fixture(scope="module")
async def served(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    # No rate limit: the clients make many calls (the limit has its tests in ratelimit/).
    async with served_apart(test_env, definition, public_rate_per_minute=0) as client:
        yield client


def endpoint(client: httpx.AsyncClient) -> str:
    return f"{str(client.base_url).rstrip('/')}/open311/v2"


async def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """The clients are synchronous (requests): called off the event loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


def three_client(client: httpx.AsyncClient, org: uuid.UUID) -> Any:
    return Three(endpoint(client), format="json", jurisdiction=str(org))


async def test_three_discovers_posts_a_photo_and_looks_its_token_up(
    served: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    three = three_client(served, org)

    found = await call(three.discovery)
    (v2,) = found["endpoints"]
    assert v2["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert v2["url"].endswith("/open311/v2/")
    assert set(v2["formats"]) == {"text/xml", "application/json"}
    assert "key" in found["key_service"].lower()

    before = await count_rows(test_env.database_url("intake"), "evidence_files")
    posted = await call(
        three.post,
        "noise",
        address="12 Mill Street, Stockport SK1 2AB",
        name="Sam Resident",
        email="sam@example.org",
        description="Loud music from the flat below until 3am, every night this week.",
        media=("stairwell.jpg", tiny_jpeg(), "image/jpeg"),
    )
    assert three.post_response.status_code == 200, posted
    (created,) = posted
    reference, token = created["service_request_id"], created["token"]
    assert reference.startswith(test_env.organisations[org].reference_prefix)

    # The photo is evidence of the report, checked and kept as every upload is.
    url = test_env.database_url("intake")
    assert await count_rows(url, "evidence_files") == before + 1
    assert (
        await count_rows(
            url,
            "evidence_files e JOIN reports r ON r.id = e.report_id",
            f"r.reference = '{reference}' AND e.content_type = 'image/jpeg' "
            "AND e.filename = 'stairwell.jpg'",
        )
        == 1
    )

    (looked_up,) = await call(three.token, token)
    assert looked_up == {"service_request_id": reference, "token": token}
    (listed,) = await call(three.request, reference)
    assert listed["service_request_id"] == reference
    assert listed["service_code"] == "noise"

    # The rest of three's calls: the service list and a definition, and requests between two
    # dates (three sends them as w3 dates and times).
    services = await call(three.services)
    assert "noise" in {s["service_code"] for s in services}
    assert (await call(three.services, "noise"))["service_code"] == "noise"
    # three writes each day as its midnight UTC: from today's to tomorrow's.
    today = datetime.now(UTC).date()
    days = [d.strftime("%m-%d-%Y") for d in (today, today + timedelta(days=1))]
    between = await call(three.requests, "noise", between=days, count=10)
    assert reference in {r["service_request_id"] for r in between}


async def test_three_is_told_why_a_file_that_is_not_a_photo_is_refused(
    served: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    three = three_client(served, org)
    url = test_env.database_url("intake")
    before = await count_rows(url, "reports"), await count_rows(url, "evidence_files")
    refused = await call(
        three.post,
        "noise",
        address="12 Mill Street, Stockport SK1 2AB",
        name="Sam Resident",
        email="sam@example.org",
        description="Loud music from the flat below until 3am, every night this week.",
        media=("photo.jpg", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "image/jpeg"),
    )
    assert three.post_response.status_code == 415
    (error,) = refused
    assert error["code"] == 415 and error["description"].startswith("media: photo.jpg")
    assert (await count_rows(url, "reports"), await count_rows(url, "evidence_files")) == before


async def test_georeport_reads_every_get_call_in_json_and_xml(
    served: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = test_env.register_organisation().id
    three = three_client(served, org)
    (created,) = await call(
        three.post,
        "graffiti",
        lat="53.41",
        long="-2.15",
        email="sam@example.org",
        description="Fresh graffiti on the bin store doors of the block.",
    )
    reference = created["service_request_id"]
    today = datetime.now(LONDON).date().isoformat()

    for output_format in ("json", "xml"):
        client = GeoReport(endpoint(served), jurisdiction=str(org), output_format=output_format)
        services = await call(client.get_service_list)
        assert "graffiti" in {s["service_code"] for s in services}, output_format
        definition_ = await call(client.get_service_definition, "graffiti")
        assert definition_["service_code"] == "graffiti"
        # Date-only w3 dates: the whole of today in the landlord's time zone.
        found = await call(
            client.get_service_requests,
            service_code="graffiti",
            start_date=today,
            end_date=today,
            status="open",
        )
        found = found if isinstance(found, list) else [found]  # xmltodict: one is not a list
        assert [r["service_request_id"] for r in found] == [reference], output_format
        one = await call(client.get_service_request, reference)
        one = one[0] if isinstance(one, list) else one
        assert one["service_request_id"] == reference, output_format
