"""Partners register webhook endpoints, see their deliveries and resume a paused endpoint; the
landlord's administrator sees a partner's endpoints and deliveries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from asb_shared.usecase import Invalid, NotFound, UnitOfWork
from pydantic import AnyHttpUrl, Field
from sqlalchemy import select, update

from ..credentials.usecases import PartnerCaller
from ..partners.store import get_partner
from ..schemas import Strict
from .addresses import destination_refusal
from .models import WebhookDelivery, WebhookEndpoint
from .rules import EventType, new_signing_secret


class RotateSecret(Strict):
    overlap_hours: int = Field(
        24,
        ge=0,
        le=168,
        description="how long messages are also signed with the secret being replaced (0: not)",
    )


class RegisterEndpoint(Strict):
    url: AnyHttpUrl = Field(description="https in production; where signed messages are POSTed")
    event_types: list[EventType] = Field(min_length=1, max_length=len(EventType))


@dataclass(frozen=True)
class RegisterWebhook:
    """A partner's endpoint to register; ``allow_http`` (development) lets it be http and on a
    private network."""

    caller: PartnerCaller
    url: str
    event_types: frozenset[EventType]
    allow_http: bool = False


@dataclass(frozen=True)
class OneEndpoint:
    """One of the calling partner's endpoints (to resume)."""

    caller: PartnerCaller
    endpoint_id: uuid.UUID


@dataclass(frozen=True)
class ListDeliveries:
    caller: PartnerCaller
    endpoint_id: uuid.UUID
    limit: int


@dataclass(frozen=True)
class RotateEndpointSecret:
    caller: PartnerCaller
    endpoint_id: uuid.UUID
    overlap_hours: int


@dataclass(frozen=True)
class Registered:
    endpoint: WebhookEndpoint
    secret: str


async def register_endpoint(uow: UnitOfWork, command: RegisterWebhook) -> Registered:
    url, caller, allow_http = command.url, command.caller, command.allow_http
    if len(url) > 2000:
        raise Invalid.at("url", "at most 2000 characters")
    if urlsplit(url).scheme != "https" and not allow_http:
        raise Invalid.at("url", "webhooks are delivered over https only")
    # The name as written; what it resolves to is checked at the edge (egress.destination).
    refused = None if allow_http else destination_refusal(urlsplit(url).hostname or "")
    if refused is not None:
        raise Invalid.at("url", refused)
    secret = new_signing_secret()
    endpoint = WebhookEndpoint(
        organisation_id=caller.organisation_id,
        partner_id=caller.partner_id,
        url=url,
        event_types=sorted({e.value for e in command.event_types}),
        secret=secret,
        status="active",
        consecutive_failures=0,
    )
    uow.session.add(endpoint)
    await uow.session.flush()
    return Registered(endpoint, secret)


async def _endpoint(
    uow: UnitOfWork, caller: PartnerCaller, endpoint_id: uuid.UUID
) -> WebhookEndpoint:
    endpoint = await uow.session.scalar(
        select(WebhookEndpoint).where(
            WebhookEndpoint.id == endpoint_id,
            WebhookEndpoint.partner_id == caller.partner_id,
            WebhookEndpoint.organisation_id == caller.organisation_id,
        )
    )
    if endpoint is None:
        raise NotFound("No such webhook endpoint.")
    return endpoint


async def list_endpoints(uow: UnitOfWork, caller: PartnerCaller) -> list[WebhookEndpoint]:
    rows = await uow.session.scalars(
        select(WebhookEndpoint)
        .where(
            WebhookEndpoint.partner_id == caller.partner_id,
            WebhookEndpoint.organisation_id == caller.organisation_id,
        )
        .order_by(WebhookEndpoint.id)
    )
    return list(rows.all())


async def list_deliveries(uow: UnitOfWork, command: ListDeliveries) -> list[WebhookDelivery]:
    endpoint = await _endpoint(uow, command.caller, command.endpoint_id)
    rows = await uow.session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint.id)
        .order_by(WebhookDelivery.id.desc())
        .limit(command.limit)
    )
    return list(rows.all())


async def resume_endpoint(uow: UnitOfWork, command: OneEndpoint) -> WebhookEndpoint:
    """Resume a paused endpoint: its waiting messages, and those that failed, go again."""
    endpoint = await _endpoint(uow, command.caller, command.endpoint_id)
    endpoint.status = "active"
    endpoint.consecutive_failures = 0
    endpoint.paused_at = None
    await uow.session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.endpoint_id == endpoint.id,
            WebhookDelivery.status.in_(["pending", "failed"]),
        )
        .values(status="pending", attempts=0, next_attempt_at=uow.now())
    )
    await uow.session.flush()
    return endpoint


async def rotate_secret(uow: UnitOfWork, command: RotateEndpointSecret) -> Registered:
    """A new signing secret for the endpoint. During the overlap every message carries a
    signature by each secret; afterwards only the new one signs. Rotating again during an
    overlap replaces the older secret, which stops signing at once."""
    endpoint = await _endpoint(uow, command.caller, command.endpoint_id)
    now = uow.now()
    secret = new_signing_secret()
    if command.overlap_hours:
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_until = now + timedelta(hours=command.overlap_hours)
    else:
        endpoint.previous_secret = None
        endpoint.previous_until = None
    endpoint.secret = secret
    endpoint.secret_rotated_at = now
    await uow.session.flush()
    return Registered(endpoint, secret)


async def partner_endpoints(uow: UnitOfWork, partner_id: uuid.UUID) -> list[WebhookEndpoint]:
    """A partner's endpoints, as the landlord's administrator sees them (another landlord's
    partner is not found)."""
    partner = await get_partner(uow, partner_id)
    rows = await uow.session.scalars(
        select(WebhookEndpoint)
        .where(
            WebhookEndpoint.partner_id == partner.id,
            WebhookEndpoint.organisation_id == partner.organisation_id,
        )
        .order_by(WebhookEndpoint.id)
    )
    return list(rows.all())


@dataclass(frozen=True)
class PartnerDeliveries:
    partner_id: uuid.UUID
    endpoint_id: uuid.UUID
    limit: int


async def partner_deliveries(uow: UnitOfWork, query: PartnerDeliveries) -> list[WebhookDelivery]:
    """The latest messages to one of a partner's endpoints, for the landlord's administrator."""
    endpoints = {e.id for e in await partner_endpoints(uow, query.partner_id)}
    if query.endpoint_id not in endpoints:
        raise NotFound("No such webhook endpoint.")
    rows = await uow.session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == query.endpoint_id)
        .order_by(WebhookDelivery.id.desc())
        .limit(query.limit)
    )
    return list(rows.all())
