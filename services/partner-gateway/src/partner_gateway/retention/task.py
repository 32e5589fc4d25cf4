"""Worker task: apply the landlords' retention schedules to the partner audit log."""

from __future__ import annotations

from asb_shared.loops import every
from asb_shared.service import WorkerContext

from ..settings import PartnerGatewaySettings
from .usecases import ExpireAudit, expire_audit

EVERY_SECONDS = 3600.0
BATCH = 500


async def audit_retention(ctx: WorkerContext[PartnerGatewaySettings]) -> None:
    """Delete the audit entries past their landlord's schedule."""
    transactions = ctx.transactions()

    async def run() -> int:
        async with transactions() as uow:
            return await expire_audit(uow, ExpireAudit(uow.now().date(), BATCH))

    await every(EVERY_SECONDS, run, ctx.stop, name="partner audit retention", batch_size=BATCH)
