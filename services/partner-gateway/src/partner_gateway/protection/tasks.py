"""Housekeeping for the protections: idempotency keys are forgotten after a day."""

from __future__ import annotations

from asb_shared.loops import every
from asb_shared.service import WorkerContext

from ..idempotency.keys import purge_expired
from ..settings import PartnerGatewaySettings


async def purge_idempotency_keys(ctx: WorkerContext[PartnerGatewaySettings]) -> None:
    transactions = ctx.transactions()

    async def purge() -> int:
        async with transactions() as uow:
            return await purge_expired(uow)

    await every(3600, purge, ctx.stop, name="idempotency key purge")
