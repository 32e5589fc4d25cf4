"""Answers carrying a tracking token or a reporter's own view are never kept by a cache, and
no answer may be sniffed as another type."""

from __future__ import annotations

import httpx
from intake_samples import report


def _private(answer: httpx.Response) -> None:
    assert answer.headers["cache-control"] == "no-store", answer.request.url
    assert answer.headers["x-content-type-options"] == "nosniff", answer.request.url


async def test_the_tracking_token_and_the_reporters_views_are_not_stored_by_caches(
    client: httpx.AsyncClient,
) -> None:
    accepted = await client.post("/v1/reports", json=report())
    assert accepted.status_code == 201
    _private(accepted)
    token = {"X-Tracking-Token": accepted.json()["tracking_token"]}
    reference = accepted.json()["reference"]
    status = await client.get(f"/v1/reports/{reference}/status", headers=token)
    view = await client.get(f"/v1/reports/{reference}", headers=token)
    assert (status.status_code, view.status_code) == (200, 200)
    _private(status)
    _private(view)
    refused = await client.get(
        f"/v1/reports/{reference}/status", headers={"X-Tracking-Token": "x" * 30}
    )
    _private(refused)
