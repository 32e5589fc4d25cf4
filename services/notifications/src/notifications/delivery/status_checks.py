"""Messages GOV.UK Notify accepted but never gave a final status for: asked about.

Notify tells its final status by calling back, and a callback can be lost (our API down for
longer than Notify retries, a token mistyped in its settings). Such a message would stay
``sending`` for ever, and nobody would learn that a text to a victim never arrived. So a message
handed to Notify with no final status for a while is asked about, and again after as long each
time, until Notify says delivered or failed. Its ``due_at``, unused while Notify holds it, says
when it is next asked about, so any number of workers share the checks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from asb_shared.usecase import UnitOfWork
from sqlalchemy import select, update

from ..channels.notify import UNKNOWN_TO_NOTIFY
from ..messages.models import Message, Status
from .usecases import (
    NotifyStatus,
    Policy,
    UnknownToNotify,
    record_notify_status,
    record_unknown_to_notify,
)


@dataclass(frozen=True)
class Unconfirmed:
    message_id: uuid.UUID
    provider_id: str


async def take_unconfirmed(uow: UnitOfWork, wait: timedelta, limit: int) -> list[Unconfirmed]:
    """Up to ``limit`` messages Notify has held for ``wait`` without a final status; each is
    put back by ``wait`` (so no other worker asks about it meanwhile)."""
    now = uow.now()
    rows = (
        await uow.session.execute(
            select(Message.id, Message.provider_id)
            .where(
                Message.status == Status.SENDING,
                Message.provider_id.is_not(None),
                Message.due_at <= now - wait,
            )
            .order_by(Message.due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    if rows:
        await uow.session.execute(
            update(Message).where(Message.id.in_([r.id for r in rows])).values(due_at=now)
        )
    return [Unconfirmed(r.id, r.provider_id) for r in rows]


async def record_checked_status(
    uow: UnitOfWork, message: Unconfirmed, status: str, policy: Policy
) -> None:
    """Record what Notify said when asked, as if it had called back."""
    if status == UNKNOWN_TO_NOTIFY:
        await record_unknown_to_notify(
            uow, UnknownToNotify(message.message_id, message.provider_id)
        )
        return
    await record_notify_status(
        uow, NotifyStatus(message.provider_id, str(message.message_id), status, policy)
    )
