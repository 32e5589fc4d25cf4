"""Per-partner rate limits, the body limit and the partner API's own OpenAPI document."""

from __future__ import annotations

import uuid

from gateway_samples import Gateway


async def test_each_partner_has_its_own_rate_limit(gateway: Gateway, org: uuid.UUID) -> None:
    busy = await gateway.partner(org, rate_limit_per_minute=3)
    await gateway.agreement(org, busy["id"])
    calm = await gateway.partner(org, name="Council", kind="council_asb")
    await gateway.agreement(org, calm["id"])
    busy_headers = await gateway.token(await gateway.credentials(org, busy["id"]))
    calm_headers = await gateway.token(await gateway.credentials(org, calm["id"]))
    answers = [await gateway.api.get("/partner/v1/cases", headers=busy_headers) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["Retry-After"]) >= 1
    # Another partner is not slowed by the first one's limit.
    assert (await gateway.api.get("/partner/v1/cases", headers=calm_headers)).status_code == 200
    refused = [
        e for e in await gateway.audit(org, partner_id=busy["id"]) if e["status_code"] == 429
    ]
    assert len(refused) == 1 and refused[0]["outcome"] == "refused"


async def test_large_bodies_are_refused_before_they_are_read(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner = await gateway.partner(org)
    await gateway.agreement(org, partner["id"])
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    big = {
        "kind": "update",
        "text": "x" * 70_000,
        "occurred_at": "2026-11-21T10:00:00Z",
        "posted_by": "PC",
    }
    answer = await gateway.api.post(
        f"/partner/v1/cases/{uuid.uuid4()}/updates",
        json=big,
        headers={**headers, "Idempotency-Key": "big-0001"},
    )
    assert answer.status_code == 413


async def test_the_partner_api_has_its_own_openapi_document(gateway: Gateway) -> None:
    document = (await gateway.api.get("/partner/v1/openapi.json")).json()
    paths = set(document["paths"])
    assert "/partner/oauth/token" in paths and "/partner/v1/cases/{case_id}" in paths
    assert all(p.startswith("/partner/") for p in paths)  # no staff endpoints in it
    schemes = document["components"]["securitySchemes"]
    [flow] = [s for s in schemes.values() if s["type"] == "oauth2"]
    assert flow["flows"]["clientCredentials"]["tokenUrl"] == "/partner/oauth/token"
    assert (await gateway.api.get("/partner/v1/docs")).status_code == 200
