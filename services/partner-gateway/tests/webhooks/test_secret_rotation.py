"""A partner rotates their webhook signing secret without losing a message: during the overlap
every message carries a signature by each secret, afterwards only the new one signs, and the
secret is never kept where a replayed answer could show it again."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import pytest
from asb_shared.contracts.casework import CaseStatusChanged
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import eventually, publish_event
from gateway_samples import Gateway, Receiver, complainant, receiver
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError


async def _count(server: Receiver, path: str, n: int) -> bool:
    return len(server.at(path)) >= n


def _verifies(secret: str, server: Receiver, index: int) -> bool:
    message = server.at("/ok")[index]
    try:
        Webhook(secret).verify(message.body, message.headers)
    except WebhookVerificationError:
        return False
    return True


async def test_a_rotated_secret_overlaps_then_replaces_the_old(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner = await gateway.partner(org)
    agreement = await gateway.agreement(
        org, partner["id"], categories=["noise"], fields=["reference", "status"]
    )
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    reference = (await gateway.projected(org, case_id))["case_reference"]
    version = iter(range(2, 100))

    async def moved_on(status: str, previous: str) -> None:
        await publish_event(
            gateway.env,
            CaseStatusChanged(
                case_id=case_id,
                case_reference=reference,
                version=next(version),
                status=status,
                previous_status=previous,
                command="start_investigation",
            ),
            organisation_id=org,
        )

    async def rotate(endpoint_id: str, key: str, **body: Any) -> dict[str, Any]:
        answer = await gateway.api.post(
            f"/partner/v1/webhook-endpoints/{endpoint_id}/secret",
            json=body,
            headers={**headers, "Idempotency-Key": key},
        )
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    async with receiver() as partner_server:
        registered = await gateway.api.post(
            "/partner/v1/webhook-endpoints",
            json={
                "url": partner_server.url("/ok"),
                "event_types": ["case.shared", "case.updated"],
            },
            headers={**headers, "Idempotency-Key": f"hook-{org}"},
        )
        assert registered.status_code == 201, registered.text
        endpoint = registered.json()
        first = endpoint["secret"]
        assert (
            await gateway.share(org, case_id, partner["id"], agreement["id"])
        ).status_code == 201
        await eventually(lambda: _count(partner_server, "/ok", 1))
        assert _verifies(first, partner_server, 0)

        # Rotated with a day's overlap: the next message verifies with either secret.
        rotated = await rotate(endpoint["id"], f"rotate-1-{org}", overlap_hours=24)
        second = rotated["secret"]
        assert second.startswith("whsec_") and second != first
        assert rotated["previous_until"] is not None
        await moved_on("investigating", "open")
        await eventually(lambda: _count(partner_server, "/ok", 2))
        assert _verifies(first, partner_server, 1) and _verifies(second, partner_server, 1)
        assert len(partner_server.at("/ok")[1].headers["webhook-signature"].split(" ")) == 2

        # A retry of that rotation changes nothing and does not show the secret again.
        replay = await rotate(endpoint["id"], f"rotate-1-{org}", overlap_hours=24)
        assert replay["secret"] is None and replay["id"] == endpoint["id"]

        # Rotated with no overlap: only the newest secret signs from now on.
        third = (await rotate(endpoint["id"], f"rotate-2-{org}", overlap_hours=0))["secret"]
        await moved_on("action_planned", "investigating")
        await eventually(lambda: _count(partner_server, "/ok", 3))
        assert _verifies(third, partner_server, 2)
        assert not _verifies(second, partner_server, 2)
        assert not _verifies(first, partner_server, 2)

    # No secret rests in the store of answers kept for retries.
    conn = await asyncpg.connect(gateway.db_url.replace("+asyncpg", ""))
    try:
        kept = [
            r["response"] for r in await conn.fetch("SELECT response::text FROM idempotency_keys")
        ]
    finally:
        await conn.close()
    for secret in (first, second, third):
        assert not any(secret in text for text in kept)


@pytest.mark.parametrize("overlap", [-1, 169, "a day"])
async def test_an_overlap_out_of_range_is_refused_by_field(
    gateway: Gateway, org: uuid.UUID, overlap: object
) -> None:
    partner = await gateway.partner(org)
    await gateway.agreement(org, partner["id"], categories=["noise"], fields=["reference"])
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    answer = await gateway.api.post(
        f"/partner/v1/webhook-endpoints/{uuid.uuid4()}/secret",
        json={"overlap_hours": overlap},
        headers={**headers, "Idempotency-Key": f"bad-{overlap}-{org}"},
    )
    assert answer.status_code == 422
    assert "overlap_hours" in answer.text
