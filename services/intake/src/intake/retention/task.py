"""Worker task: remove from storage the evidence files whose records have gone."""

from __future__ import annotations

from asb_shared.loops import every
from asb_shared.service import WorkerContext

from ..evidence.storage import store_from_settings
from ..settings import IntakeSettings
from .usecases import EraseFiles, erase_files

EVERY_SECONDS = 30.0
BATCH = 50


async def evidence_erasure(ctx: WorkerContext[IntakeSettings]) -> None:
    """Remove queued evidence files, a batch at a time."""
    transactions = ctx.transactions()
    store = store_from_settings(ctx.settings)

    async def run() -> int:
        async with transactions() as uow:
            return await erase_files(uow, EraseFiles(store, BATCH))

    await every(EVERY_SECONDS, run, ctx.stop, name="evidence erasure", batch_size=BATCH)
