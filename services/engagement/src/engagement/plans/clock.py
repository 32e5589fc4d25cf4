"""The support plan review clock: warns the PEO before a review falls due and when it is missed.

Claims due plans with ``FOR UPDATE SKIP LOCKED`` (with their clients), marks them warned or
breached and puts ``engagement.plan.review_due`` in the outbox, all in one transaction: any
number of workers may run it, none fires a timer twice, and a restarted worker carries on.
A PEO recording a review locks the plan first; the clock skips it and looks again next tick.
"""

from __future__ import annotations

from datetime import datetime

from asb_shared.contracts.engagement import PlanReviewDue
from asb_shared.loops import every
from asb_shared.service import WorkerContext
from asb_shared.usecase import Transactions, UnitOfWork
from sqlalchemy import select

from ..clients.models import Client
from ..settings import EngagementSettings
from .models import Plan
from .reviews import Stage
from .usecases import ACTIVE


async def _fire(uow: UnitOfWork, now: datetime, stage: str, batch: int) -> int:
    due = Plan.review_due_at <= now
    query = (
        select(Plan, Client).join(Client, Client.id == Plan.client_id).where(Plan.status == ACTIVE)
    )
    if stage == Stage.WARNING:
        query = query.where(Plan.warned_at.is_(None), Plan.review_warn_at <= now, ~due)
    else:
        query = query.where(Plan.breached_at.is_(None), due)
    rows = (
        await uow.session.execute(
            query.order_by(Plan.review_due_at)
            .limit(batch)
            .with_for_update(skip_locked=True, of=[Plan])
        )
    ).all()
    for plan, client in rows:
        if stage == Stage.WARNING:
            plan.warned_at = now
        else:
            plan.breached_at = now
            plan.warned_at = plan.warned_at or now
        await uow.emit(
            PlanReviewDue(
                plan_id=plan.id,
                client_id=client.id,
                client_reference=client.reference,
                peo_id=client.peo_id,
                due_at=plan.review_due_at,
                stage=stage,
            ),
            organisation_id=plan.organisation_id,
        )
    return len(rows)


async def tick(transactions: Transactions, now: datetime, batch: int = 100) -> tuple[int, int]:
    """One round: (reviews warned, reviews breached)."""
    async with transactions() as uow:
        warned = await _fire(uow, now, Stage.WARNING, batch)
    async with transactions() as uow:
        breached = await _fire(uow, now, Stage.BREACH, batch)
    return warned, breached


async def review_clock(ctx: WorkerContext[EngagementSettings]) -> None:
    """The worker task: a tick every ``review_clock_seconds``, at once again while busy."""
    transactions = ctx.transactions()
    batch = ctx.settings.review_batch_size

    async def work() -> int:
        return max(await tick(transactions, transactions.clock(), batch))

    await every(
        ctx.settings.review_clock_seconds,
        work,
        ctx.stop,
        name="plan review clock",
        batch_size=batch,
    )
