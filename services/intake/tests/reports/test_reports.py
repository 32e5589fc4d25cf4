"""The public reporting API against the real database and broker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from asb_shared.testing import TestEnvironment, count_rows, service_api
from intake.main import definition
from intake_samples import ORG, report


@pytest.fixture(scope="module")
async def client(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    # No rate limit here: these tests send many requests at once from one address.
    async with service_api(test_env, definition, public_rate_per_minute=0) as client:
        yield client


async def stored(test_env: TestEnvironment) -> tuple[int, int]:
    url = test_env.database_url("intake")
    return await count_rows(url, "reports"), await count_rows(url, "outbox")


async def test_a_report_is_stored_with_a_reference_token_and_event(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    response = await client.post("/v1/reports", json=report())
    assert response.status_code == 201, response.text
    body = response.json()
    prefix = test_env.organisations[ORG].reference_prefix
    assert body["reference"].startswith(f"{prefix}-{datetime.now(UTC).year}-")
    assert len(body["tracking_token"]) >= 24
    assert body["status_url"].endswith(f"/v1/reports/{body['reference']}/status")
    url = test_env.database_url("intake")
    assert (
        await count_rows(
            url,
            "outbox",
            f"payload::jsonb->'data'->>'reference' = '{body['reference']}' AND routing_key = 'intake.report.received'",
        )
        == 1
    )
    # The postcode is normalised and the reporter's contact travels in the event.
    assert (
        await count_rows(
            url, "reports", f"reference = '{body['reference']}' AND location_postcode = 'SK1 3XE'"
        )
        == 1
    )

    status = await client.get(
        f"/v1/reports/{body['reference']}/status",
        headers={"X-Tracking-Token": body["tracking_token"]},
    )
    assert status.status_code == 200
    assert status.json()["status"] == "received"
    assert status.json()["case_reference"] is None


async def test_an_anonymous_report_needs_no_reporter(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/reports", json=report(anonymous=True, reporter=None))
    assert response.status_code == 201, response.text


async def test_the_status_needs_the_right_token(client: httpx.AsyncClient) -> None:
    body = (await client.post("/v1/reports", json=report())).json()
    wrong = await client.get(
        f"/v1/reports/{body['reference']}/status",
        headers={"X-Tracking-Token": "not-the-token-at-all"},
    )
    assert wrong.status_code == 404
    assert wrong.json()["error"]["code"] == "not_found"
    unknown = await client.get(
        "/v1/reports/ASB-1999-000001/status", headers={"X-Tracking-Token": body["tracking_token"]}
    )
    assert unknown.status_code == 404
    missing = await client.get(f"/v1/reports/{body['reference']}/status")
    assert missing.status_code == 422
    assert missing.json()["error"]["details"][0]["field"] == "header.x-tracking-token"


def _future() -> str:
    return (datetime.now(UTC) + timedelta(days=1)).isoformat()


BAD_BODIES: list[tuple[str, dict[str, Any], int, str]] = [
    ("no categories", report(categories=[]), 422, "categories"),
    ("unknown category", report(categories=["loud_neighbours"]), 422, "categories.0"),
    ("categories not a list", report(categories="noise"), 422, "categories"),
    ("description too short", report(description="noisy"), 422, "description"),
    (
        "missing description",
        {k: v for k, v in report().items() if k != "description"},
        422,
        "description",
    ),
    ("description a number", report(description=12345678901), 422, "description"),
    ("no location at all", report(location={}), 422, "location"),
    ("latitude without longitude", report(location={"latitude": 53.4}), 422, "location"),
    ("bad postcode", report(location={"postcode": "NOT A POSTCODE"}), 422, "location.postcode"),
    ("occurred in the future", report(occurred_at=_future()), 422, "occurred_at"),
    ("occurred_at not a date", report(occurred_at="last tuesday"), 422, "occurred_at"),
    ("not anonymous and no reporter", report(reporter=None), 422, "reporter"),
    ("anonymous with a reporter", report(anonymous=True), 422, "reporter"),
    (
        "occurred_at without a timezone",
        report(occurred_at="2026-11-20T23:30:00"),
        422,
        "occurred_at",
    ),
    ("bad email", report(reporter={"name": "A", "email": "not-an-email"}), 422, "reporter.email"),
    (
        "sms without a phone",
        report(reporter={"name": "A", "email": "a@example.org", "preferred_channel": "sms"}),
        422,
        "reporter",
    ),
    ("unknown field", report(favourite_colour="blue"), 422, "favourite_colour"),
    ("organisation not a uuid", report(organisation_id="stockport"), 422, "organisation_id"),
]


@pytest.mark.parametrize(
    ("case", "body", "status", "field"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES]
)
async def test_bad_input_is_refused_with_field_details_and_nothing_stored(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    case: str,
    body: dict[str, Any],
    status: int,
    field: str,
) -> None:
    before = await stored(test_env)
    response = await client.post("/v1/reports", json=body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert error["details"], case
    assert any(d["field"] == field for d in error["details"]), error["details"]
    assert await stored(test_env) == before


async def test_malformed_json_is_400_and_nothing_stored(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    before = await stored(test_env)
    response = await client.post(
        "/v1/reports",
        content=b'{"organisation_id": "x", ',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"
    assert await stored(test_env) == before


async def test_an_oversized_body_is_413_and_nothing_stored(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    before = await stored(test_env)
    response = await client.post("/v1/reports", json=report(description="x" * 2_000_000))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(40):
            yield b"x" * 65_536

    chunked = await client.post(
        "/v1/reports", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert chunked.status_code == 413
    assert await stored(test_env) == before


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok"}
    metrics = await client.get("/metrics")
    assert "asb_http_requests_total" in metrics.text


async def test_the_app_records_its_own_channel(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    made = await client.post("/v1/reports", json=report(channel="app"))
    assert made.status_code == 201, made.text
    assert (
        await count_rows(
            test_env.database_url("intake"),
            "reports",
            f"reference = '{made.json()['reference']}' AND channel = 'app'",
        )
        == 1
    )
    assert (await client.post("/v1/reports", json=report(channel="phone"))).status_code == 422


async def test_with_a_resident_site_the_status_url_is_its_follow_page_without_the_token(
    test_env: TestEnvironment,
) -> None:
    site = "https://report.landlord.example"
    async with service_api(
        test_env, definition, public_rate_per_minute=0, resident_site_url=site
    ) as client:
        response = await client.post("/v1/reports", json=report())
    assert response.status_code == 201, response.text
    body = response.json()
    slug = test_env.organisations[ORG].reference_prefix.lower()
    assert body["status_url"] == f"{site}/{slug}/follow/{body['reference']}"
    assert body["tracking_token"] not in body["status_url"]
