"""Worker task: apply the landlords' retention schedules to messages, a batch at a time."""

from __future__ import annotations

from asb_shared.loops import every
from asb_shared.service import WorkerContext

from ..settings import NotificationsSettings
from .usecases import ExpireMessages, expire_messages

EVERY_SECONDS = 3600.0
BATCH = 200


async def message_retention(ctx: WorkerContext[NotificationsSettings]) -> None:
    """Delete (or pseudonymise) the messages past their landlord's schedule."""
    transactions = ctx.transactions()

    async def run() -> int:
        async with transactions() as uow:
            return await expire_messages(uow, ExpireMessages(uow.now().date(), BATCH))

    await every(EVERY_SECONDS, run, ctx.stop, name="message retention", batch_size=BATCH)
