"""Worker task: forget idempotency keys once they are a day old, every hour."""

from __future__ import annotations

from asb_shared.loops import every
from asb_shared.service import WorkerContext

from ..settings import IntakeSettings
from .keys import purge_expired

PURGE_EVERY_SECONDS = 3600.0


async def purge_expired_keys(ctx: WorkerContext[IntakeSettings]) -> None:
    """Forget idempotency keys (and the answers they hold) after a day."""
    transactions = ctx.transactions()

    async def purge() -> int:
        async with transactions() as uow:
            return await purge_expired(uow)

    await every(PURGE_EVERY_SECONDS, purge, ctx.stop, name="idempotency key purge")
