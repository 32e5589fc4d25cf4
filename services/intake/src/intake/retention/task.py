"""Worker task: remove from storage the evidence files whose records have gone."""

from __future__ import annotations

from asb_shared.evidence.storage import store_from_settings
from asb_shared.loops import every
from asb_shared.service import WorkerContext

from ..settings import IntakeSettings
from .usecases import EraseFiles, ForgetTrackingSecrets, erase_files, forget_tracking_secrets

BATCH = 50


async def evidence_erasure(ctx: WorkerContext[IntakeSettings]) -> None:
    """Remove queued evidence files, a batch at a time."""
    transactions = ctx.transactions()
    store = store_from_settings(ctx.settings)

    async def run() -> int:
        async with transactions() as uow:
            return await erase_files(uow, EraseFiles(store, BATCH))

    await every(
        ctx.settings.evidence_erasure_seconds,
        run,
        ctx.stop,
        name="evidence erasure",
        batch_size=BATCH,
    )


SECRETS_EVERY_SECONDS = 3600.0
SECRETS_BATCH = 200


async def tracking_secret_retention(ctx: WorkerContext[IntakeSettings]) -> None:
    """Forget the tracking secrets of reports whose case closed past the landlord's period."""
    transactions = ctx.transactions()

    async def run() -> int:
        async with transactions() as uow:
            return await forget_tracking_secrets(
                uow, ForgetTrackingSecrets(uow.now().date(), SECRETS_BATCH)
            )

    await every(
        SECRETS_EVERY_SECONDS,
        run,
        ctx.stop,
        name="tracking secret retention",
        batch_size=SECRETS_BATCH,
    )
