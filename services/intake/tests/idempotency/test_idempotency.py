"""A retried submission with the same Idempotency-Key makes one report."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from asb_shared.testing import TestEnvironment
from intake_samples import report, reports_where


async def test_a_retried_submission_with_one_idempotency_key_makes_one_report(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = report(description="Idempotency check: loud music from the flat below, again tonight.")
    key = {"Idempotency-Key": f"form-{uuid.uuid4()}"}
    first = await client.post("/v1/reports", json=body, headers=key)
    second = await client.post("/v1/reports", json=body, headers=key)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert await reports_where(test_env, f"reference = '{first.json()['reference']}'") == 1
    assert await reports_where(test_env, "description LIKE 'Idempotency check:%'") == 1
    reused = await client.post(
        "/v1/reports", json=report(description="A different report under the same key"), headers=key
    )
    assert reused.status_code == 422
    assert reused.json()["error"]["code"] == "idempotency_key_reused"


async def test_the_same_key_sent_at_once_still_makes_one_report(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = report(description="Concurrent retry: shouting in the stairwell of block C at night.")
    key = {"Idempotency-Key": f"app-{uuid.uuid4()}"}
    answers = await asyncio.gather(
        *(client.post("/v1/reports", json=body, headers=key) for _ in range(5))
    )
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["reference"] for a in answers}) == 1
    assert await reports_where(test_env, "description LIKE 'Concurrent retry:%'") == 1
