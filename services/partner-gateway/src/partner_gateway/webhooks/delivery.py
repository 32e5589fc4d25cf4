"""The webhook dispatcher (a worker task): signs and sends what is owed, concurrently.

Each round claims due messages (at most a few per endpoint, so one endpoint's backlog cannot
fill a round) and leases them; each is sent in a task of its own with a timeout and its attempt
recorded, so a slow or failing endpoint never holds up another's messages.
A failed message is retried at the configured, growing delays; when its retries are spent the
endpoint is paused (its other messages wait) and the partner's administrator is told.
Signatures follow the Standard Webhooks specification, made by its reference library.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from asb_shared.contracts.partner_gateway import WebhookEndpointPaused
from asb_shared.db import Database
from asb_shared.loops import every
from asb_shared.service import WorkerContext
from asb_shared.usecase import UnitOfWork
from prometheus_client import Counter, Gauge
from sqlalchemy import func, select
from standardwebhooks import Webhook

from ..partners.models import Partner
from ..settings import PartnerGatewaySettings
from .egress import Destination, Refused, destination, pinned_request, webhook_client
from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .rules import is_success, next_retry, signing_secrets

USER_AGENT = "ASB-Partner-Gateway-Webhooks/1"

DELIVERY_ATTEMPTS = Counter(
    "asb_webhook_deliveries_total",
    "Webhook delivery attempts by outcome: succeeded, retrying (failed, tried again later), "
    "failed (retries spent: the endpoint is paused)",
    ["outcome"],
)
ENDPOINTS_PAUSED = Gauge(
    "asb_webhook_endpoints_paused",
    "Partners' webhook endpoints paused after a message's retries were spent",
)


async def paused_endpoints(db: Database) -> None:
    """The paused endpoints, counted when the worker is scraped."""
    async with db.sessions() as session:
        paused = await session.scalar(
            select(func.count()).where(WebhookEndpoint.status == "paused")
        )
    ENDPOINTS_PAUSED.set(paused or 0)


@dataclass(frozen=True)
class Outgoing:
    delivery_id: uuid.UUID
    url: str
    secrets: tuple[str, ...]
    """Every secret that signs it: two while a rotation's overlap lasts."""
    body: str


@dataclass(frozen=True)
class Result:
    delivery_id: uuid.UUID
    at: datetime
    status_code: int | None
    error: str | None


def signed_headers(outgoing: Outgoing, at: datetime) -> dict[str, str]:
    msg_id = f"msg_{outgoing.delivery_id}"
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": " ".join(
            Webhook(secret).sign(msg_id, at, outgoing.body) for secret in outgoing.secrets
        ),
    }


async def claim_due(
    uow: UnitOfWork, settings: PartnerGatewaySettings, *, limit: int
) -> list[Outgoing]:
    """Lease the messages due now on active endpoints (``FOR UPDATE SKIP LOCKED``)."""
    now = uow.now()
    ranked = (
        select(
            WebhookDelivery.id,
            func.row_number()
            .over(partition_by=WebhookDelivery.endpoint_id, order_by=WebhookDelivery.id)
            .label("n"),
        )
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(
            WebhookDelivery.status == "pending",
            WebhookDelivery.next_attempt_at <= now,
            WebhookEndpoint.status == "active",
        )
        .subquery()
    )
    rows = (
        await uow.session.execute(
            select(WebhookDelivery, WebhookEndpoint)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(
                WebhookDelivery.id.in_(
                    select(ranked.c.id).where(ranked.c.n <= settings.webhook_per_endpoint)
                )
            )
            .order_by(WebhookDelivery.next_attempt_at)
            .limit(limit)
            .with_for_update(of=WebhookDelivery, skip_locked=True)
        )
    ).all()
    lease = now + timedelta(seconds=settings.webhook_timeout_seconds * 3)
    out = []
    for delivery, endpoint in rows:
        delivery.next_attempt_at = lease  # another dispatcher leaves it alone meanwhile
        out.append(
            Outgoing(
                delivery.id,
                endpoint.url,
                signing_secrets(
                    endpoint.secret, endpoint.previous_secret, endpoint.previous_until, now
                ),
                json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True),
            )
        )
    await uow.session.flush()
    return out


async def send(
    client: httpx.AsyncClient, target: Destination, outgoing: Outgoing, now: datetime
) -> Result:
    """POST the message to the checked address ``target`` names (see :mod:`.egress`)."""
    try:
        request = pinned_request(client, target, outgoing.body, signed_headers(outgoing, now))
        response = await client.send(request)
        return Result(outgoing.delivery_id, now, response.status_code, None)
    except httpx.HTTPError as exc:
        return Result(outgoing.delivery_id, now, None, f"{type(exc).__name__}: {exc}"[:500])


async def record_results(
    uow: UnitOfWork, results: list[Result], settings: PartnerGatewaySettings
) -> list[str]:
    """Record each attempt; returns each recorded one's outcome (succeeded, retrying, failed)."""
    outcomes: list[str] = []
    for result in results:
        delivery = await uow.session.get(WebhookDelivery, result.delivery_id, with_for_update=True)
        if delivery is None or delivery.status != "pending":
            continue
        endpoint = await uow.session.get(
            WebhookEndpoint, delivery.endpoint_id, with_for_update=True
        )
        if endpoint is None:
            continue
        delivery.attempts += 1
        delivery.last_status_code = result.status_code
        delivery.last_error = result.error
        retry_in: float | None = None
        if is_success(result.status_code):
            delivery.status = "succeeded"
            delivery.delivered_at = uow.now()
            endpoint.consecutive_failures = 0
            outcomes.append("succeeded")
        else:
            endpoint.consecutive_failures += 1
            retry_in = next_retry(delivery.attempts, settings.webhook_retry_delays_seconds)
            if retry_in is None:
                delivery.status = "failed"
                await _pause(uow, endpoint, result)
                outcomes.append("failed")
            else:
                delivery.next_attempt_at = uow.now() + timedelta(seconds=retry_in)
                outcomes.append("retrying")
        uow.session.add(
            WebhookAttempt(
                delivery_id=delivery.id,
                attempted_at=result.at,
                status_code=result.status_code,
                error=result.error,
                retry_in_seconds=retry_in,
            )
        )
    await uow.session.flush()
    return outcomes


async def _pause(uow: UnitOfWork, endpoint: WebhookEndpoint, result: Result) -> None:
    if endpoint.status != "active":
        return
    endpoint.status = "paused"
    endpoint.paused_at = uow.now()
    partner = await uow.session.get(Partner, endpoint.partner_id)
    if partner is None:
        return
    await uow.emit(
        WebhookEndpointPaused(
            endpoint_id=endpoint.id,
            partner_id=partner.id,
            partner_name=partner.name,
            admin_email=partner.admin_email,
            url=endpoint.url,
            failures=endpoint.consecutive_failures,
            last_error=result.error or f"HTTP {result.status_code}",
            paused_at=endpoint.paused_at,
        ),
        organisation_id=endpoint.organisation_id,
    )


class Dispatcher:
    """Claims due messages and sends each in a task of its own: a slow or failing endpoint
    holds up nothing but its own messages (each is leased while in flight)."""

    def __init__(
        self, ctx: WorkerContext[PartnerGatewaySettings], client: httpx.AsyncClient
    ) -> None:
        self.ctx = ctx
        self.client = client
        self.transactions = ctx.transactions()
        self.in_flight: set[asyncio.Task[None]] = set()

    async def _deliver(self, outgoing: Outgoing) -> None:
        now = self.transactions.clock()
        # Resolved and checked now (a name registered as public may point inside later), and
        # sent to the very address checked.
        try:
            target = await destination(
                outgoing.url, allow_private=self.ctx.settings.webhooks_may_reach_private
            )
        except Refused as exc:
            result = Result(outgoing.delivery_id, now, None, f"not sent: {exc}"[:500])
        else:
            result = await send(self.client, target, outgoing, now)
        async with self.transactions() as uow:
            outcomes = await record_results(uow, [result], self.ctx.settings)
        for outcome in outcomes:  # counted once committed
            DELIVERY_ATTEMPTS.labels(outcome).inc()

    async def round(self) -> int:
        """Claim what is due (up to the free capacity) and start sending it."""
        room = self.ctx.settings.webhook_batch_size - len(self.in_flight)
        if room <= 0:
            return 0
        async with self.transactions() as uow:
            due = await claim_due(uow, self.ctx.settings, limit=room)
        for outgoing in due:
            task = asyncio.create_task(self._deliver(outgoing))
            self.in_flight.add(task)
            task.add_done_callback(self.in_flight.discard)
        return len(due)

    async def drain(self) -> None:
        if self.in_flight:
            await asyncio.wait(self.in_flight, timeout=self.ctx.settings.webhook_timeout_seconds)


async def dispatch_webhooks(ctx: WorkerContext[PartnerGatewaySettings]) -> None:
    """Worker task: deliver webhooks until the worker stops."""
    async with webhook_client(ctx.settings) as client:
        dispatcher = Dispatcher(ctx, client)
        try:
            await every(
                ctx.settings.webhook_poll_seconds,
                dispatcher.round,
                ctx.stop,
                name="webhook dispatcher",
            )
        finally:
            await dispatcher.drain()
