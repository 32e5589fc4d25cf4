"""Messages owed to partners' webhook endpoints, written in the transaction of the change that
caused them (so a change and its webhooks commit or vanish together)."""

from __future__ import annotations

import uuid
from typing import Any

from asb_shared.db import uuid7
from asb_shared.usecase import UnitOfWork
from sqlalchemy import any_, literal, select

from .models import WebhookDelivery, WebhookEndpoint
from .rules import EventType


async def announce(
    uow: UnitOfWork,
    *,
    organisation_id: uuid.UUID,
    partner_id: uuid.UUID,
    event_type: EventType,
    data: dict[str, Any],
) -> int:
    """Owe ``event_type`` to every endpoint of the partner that asked for it; returns how many.

    The payload follows the Standard Webhooks shape: ``type``, ``timestamp`` and ``data``."""
    endpoints = (
        await uow.session.scalars(
            select(WebhookEndpoint).where(
                WebhookEndpoint.partner_id == partner_id,
                WebhookEndpoint.organisation_id == organisation_id,
                WebhookEndpoint.status != "disabled",
                literal(event_type.value) == any_(WebhookEndpoint.event_types),
            )
        )
    ).all()
    now = uow.now()
    for endpoint in endpoints:
        uow.session.add(
            WebhookDelivery(
                id=uuid7(),
                organisation_id=organisation_id,
                endpoint_id=endpoint.id,
                event_type=event_type.value,
                payload={"type": event_type.value, "timestamp": now.isoformat(), "data": data},
                status="pending",
                attempts=0,
                next_attempt_at=now,
            )
        )
    return len(endpoints)
