"""Worker task: apply the landlords' retention schedules to Positive Engagement records."""

from __future__ import annotations

from asb_shared.loops import every
from asb_shared.service import WorkerContext

from ..settings import EngagementSettings
from .usecases import ExpireRecords, expire_records

EVERY_SECONDS = 3600.0
BATCH = 50


async def record_retention(ctx: WorkerContext[EngagementSettings]) -> None:
    """Pseudonymise the clients whose records are past their landlord's schedule."""
    transactions = ctx.transactions()

    async def run() -> int:
        async with transactions() as uow:
            return len(await expire_records(uow, ExpireRecords(uow.now().date(), BATCH)))

    await every(EVERY_SECONDS, run, ctx.stop, name="engagement record retention", batch_size=BATCH)
