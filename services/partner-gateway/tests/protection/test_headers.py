"""Answers carrying a partner client secret, a webhook signing secret or a token are never kept
by a cache; the partner API's pages load nothing from anywhere else."""

from __future__ import annotations

import uuid

import httpx
from gateway_samples import Gateway


def _private(answer: httpx.Response) -> None:
    assert answer.headers["cache-control"] == "no-store", answer.request.url
    assert answer.headers["x-content-type-options"] == "nosniff", answer.request.url


async def test_secrets_and_tokens_are_not_stored_by_caches(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner = await gateway.partner(org)
    await gateway.agreement(org, partner["id"], categories=["noise"])
    issued = await gateway.api.post(
        f"/v1/partners/{partner['id']}/clients",
        json={"name": "Case system"},
        headers=gateway.staff(org),
    )
    assert issued.status_code == 201 and issued.json()["client_secret"]
    _private(issued)
    rotated = await gateway.api.post(
        f"/v1/partner-clients/{issued.json()['id']}/secrets",
        json={"overlap_hours": 1},
        headers=gateway.staff(org),
    )
    assert rotated.status_code == 201
    _private(rotated)
    creds = rotated.json()
    answer = await gateway.token_answer(creds["client_id"], creds["client_secret"])
    assert answer.status_code == 200
    _private(answer)
    headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
    endpoint = await gateway.api.post(
        "/partner/v1/webhook-endpoints",
        json={"url": "http://127.0.0.1:9/hooks", "event_types": ["case.updated"]},
        headers={**headers, "Idempotency-Key": f"endpoint-{uuid.uuid4()}"},
    )
    assert endpoint.status_code == 201 and endpoint.json()["secret"].startswith("whsec_")
    _private(endpoint)
    new_secret = await gateway.api.post(
        f"/partner/v1/webhook-endpoints/{endpoint.json()['id']}/secret",
        json={},
        headers={**headers, "Idempotency-Key": f"secret-{uuid.uuid4()}"},
    )
    assert new_secret.status_code == 201, new_secret.text
    _private(new_secret)


async def test_the_partner_api_pages_are_served_from_here(gateway: Gateway) -> None:
    for path in ("/partner/v1/docs", "/partner/v1/redoc"):
        page = await gateway.api.get(path)
        assert page.status_code == 200, path
        assert "/static-offline-docs/" in page.text
        assert "cdn" not in page.text.lower() and "googleapis" not in page.text
        assert "http" not in page.headers["content-security-policy"]
    for asset in ("swagger-ui-bundle.js", "redoc.standalone.js"):
        assert (await gateway.api.get(f"/static-offline-docs/{asset}")).status_code == 200
