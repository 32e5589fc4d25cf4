"""Worker task: apply the retention schedules once a day's expiries are due, in small batches.

Any number of workers run it: each batch claims its cases ``FOR UPDATE SKIP LOCKED``, so two
workers never take one case, and a full batch runs the next at once.
"""

from __future__ import annotations

from asb_shared.loops import every
from asb_shared.service import WorkerContext

from ..settings import CaseworkSettings
from .usecases import ApplyExpiries, apply_expiries

EVERY_SECONDS = 3600.0
BATCH = 50


async def retention_run(ctx: WorkerContext[CaseworkSettings]) -> None:
    """Pseudonymise or delete the cases whose retention period has ended, and announce each."""
    transactions = ctx.transactions()

    async def run() -> int:
        async with transactions() as uow:
            return len(await apply_expiries(uow, ApplyExpiries(uow.now().date(), BATCH)))

    await every(EVERY_SECONDS, run, ctx.stop, name="retention", batch_size=BATCH)
