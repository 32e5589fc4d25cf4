"""Webhooks per the Standard Webhooks specification: signed, retried at growing delays, a
failing endpoint paused (and its partner's admin told) while other endpoints keep receiving."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import uuid
from datetime import UTC, datetime

import asyncpg
from asb_shared.contracts.casework import CaseClosedV2, CaseStatusChanged
from asb_shared.contracts.common import AsbCategory
from asb_shared.db import Database
from asb_shared.testing import captured_events, eventually, publish_event
from gateway_samples import Gateway, Receiver, complainant, receiver
from partner_gateway.webhooks.delivery import paused_endpoints
from prometheus_client import REGISTRY
from standardwebhooks import Webhook


def deliveries(outcome: str) -> float:
    return REGISTRY.get_sample_value("asb_webhook_deliveries_total", {"outcome": outcome}) or 0.0


async def test_signed_deliveries_retries_and_pausing(gateway: Gateway, org: uuid.UUID) -> None:
    partner = await gateway.partner(org)
    agreement = await gateway.agreement(
        org, partner["id"], categories=["noise"], fields=["reference", "status", "outcome"]
    )
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    reference = (await gateway.projected(org, case_id))["case_reference"]
    counted = {o: deliveries(o) for o in ("succeeded", "retrying", "failed")}

    async with (
        receiver() as partner_server,
        captured_events(gateway.env, "partners.webhook_endpoint.paused") as paused,
    ):
        endpoints = {}
        for path in ("/broken", "/ok"):
            answer = await gateway.api.post(
                "/partner/v1/webhook-endpoints",
                json={
                    "url": partner_server.url(path),
                    "event_types": ["case.shared", "case.updated", "case.closed"],
                },
                headers={**headers, "Idempotency-Key": f"endpoint-{path}-{org}"},
            )
            assert answer.status_code == 201, answer.text
            endpoints[path] = answer.json()
        assert endpoints["/ok"]["secret"].startswith("whsec_")

        assert (
            await gateway.share(org, case_id, partner["id"], agreement["id"])
        ).status_code == 201
        await eventually(lambda: _count(partner_server, "/ok", 1))

        # The case moves on while the broken endpoint is still being retried.
        common = {"case_id": case_id, "case_reference": reference}
        await publish_event(
            gateway.env,
            CaseStatusChanged(
                **common,
                version=2,
                status="investigating",
                previous_status="open",
                command="start_investigation",
            ),
            organisation_id=org,
        )
        await publish_event(
            gateway.env,
            CaseClosedV2(
                **common,
                version=3,
                status="closed",
                outcome="resolved",
                reason="Behaviour stopped",
                closed_at=datetime.now(UTC),
                anonymous=False,
            ),
            organisation_id=org,
        )
        await eventually(lambda: _count(partner_server, "/ok", 3))

        # Every message to the working endpoint verifies with the standard's reference code.
        verifier = Webhook(endpoints["/ok"]["secret"])
        types = []
        for message in partner_server.at("/ok"):
            payload = verifier.verify(message.body, message.headers)
            types.append(payload["type"])
            assert set(payload["data"]) == {"case_id", "reference", "status", "outcome"}
        assert types == ["case.shared", "case.updated", "case.closed"]
        closed = verifier.verify(
            partner_server.at("/ok")[-1].body, partner_server.at("/ok")[-1].headers
        )
        assert closed["data"]["outcome"]["outcome"] == "resolved"
        # A tampered body does not verify.
        with contextlib.suppress(Exception):
            verifier.verify(
                partner_server.at("/ok")[0].body + b" ", partner_server.at("/ok")[0].headers
            )
            raise AssertionError("a tampered message verified")

        # The broken endpoint: three attempts at growing delays, then paused; its admin is told.
        await eventually(lambda: _endpoint_status(gateway, endpoints["/broken"]["id"], "paused"))
        attempts = await _attempts(gateway, endpoints["/broken"]["id"])
        first = attempts[min(attempts)]
        assert [a["status_code"] for a in first] == [500, 500, 500]
        assert [a["retry_in_seconds"] for a in first] == [0.2, 0.4, None]
        # Each retry waited at least its planned delay (a lower bound: load only adds to it).
        for earlier, later in itertools.pairwise(first):
            gap = (later["attempted_at"] - earlier["attempted_at"]).total_seconds()  # type: ignore[operator]
            assert gap >= float(earlier["retry_in_seconds"]) * 0.99  # type: ignore[arg-type]
        await eventually(lambda: _len(paused, 1))
        # The operator's figures: every attempt counted by outcome, the paused endpoint seen.
        assert deliveries("succeeded") > counted["succeeded"]
        assert deliveries("retrying") >= counted["retrying"] + 2
        assert deliveries("failed") >= counted["failed"] + 1
        db = Database(gateway.env.database_url("partner-gateway"))
        try:
            await paused_endpoints(db)
        finally:
            await db.dispose()
        assert (REGISTRY.get_sample_value("asb_webhook_endpoints_paused") or 0) >= 1
        assert paused[0].data["admin_email"] == "admin@partner.example"
        assert paused[0].data["url"] == partner_server.url("/broken")

        # Statuses are visible to the partner.
        listed = await gateway.api.get(
            f"/partner/v1/webhook-endpoints/{endpoints['/broken']['id']}/deliveries",
            headers=headers,
        )
        statuses = {d["status"] for d in listed.json()}
        assert "failed" in statuses and all(
            d["last_status_code"] in (500, None) for d in listed.json()
        )
        ok = await gateway.api.get(
            f"/partner/v1/webhook-endpoints/{endpoints['/ok']['id']}/deliveries", headers=headers
        )
        assert {d["status"] for d in ok.json()} == {"succeeded"}

        # Paused means no more attempts: nothing new reaches it, however long we wait.
        tries = len(partner_server.at("/broken"))
        await asyncio.sleep(1.0)
        assert len(partner_server.at("/broken")) == tries


async def _count(server: Receiver, path: str, n: int) -> bool:
    return len(server.at(path)) >= n


async def _len(items: list[object], n: int) -> bool:
    return len(items) >= n


async def _endpoint_status(gateway: Gateway, endpoint_id: str, status: str) -> bool:
    conn = await asyncpg.connect(gateway.db_url.replace("+asyncpg", ""))
    try:
        return bool(
            await conn.fetchval(
                "SELECT status = $2 FROM webhook_endpoints WHERE id = $1",
                uuid.UUID(endpoint_id),
                status,
            )
        )
    finally:
        await conn.close()


async def _attempts(gateway: Gateway, endpoint_id: str) -> dict[uuid.UUID, list[dict[str, object]]]:
    conn = await asyncpg.connect(gateway.db_url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch(
            "SELECT a.delivery_id, a.attempted_at, a.status_code, a.retry_in_seconds FROM webhook_attempts a "
            "JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1 ORDER BY a.attempted_at",
            uuid.UUID(endpoint_id),
        )
    finally:
        await conn.close()
    found: dict[uuid.UUID, list[dict[str, object]]] = {}
    for row in rows:
        found.setdefault(row["delivery_id"], []).append(dict(row))
    return found
