"""The worker task that asks Notify about messages whose final status never came
(``delivery.status_checks``)."""

from __future__ import annotations

from datetime import timedelta

from asb_shared.loops import every
from asb_shared.service import WorkerContext
from asb_shared.usecase import Transactions

from ..channels.notify import NotifyChannel
from ..delivery.policy import policy_of
from ..delivery.status_checks import record_checked_status, take_unconfirmed
from ..delivery.usecases import Policy
from ..settings import NotificationsSettings


async def check_statuses(
    transactions: Transactions,
    notify: NotifyChannel,
    policy: Policy,
    wait: timedelta,
    limit: int,
) -> int:
    """Ask Notify about up to ``limit`` unconfirmed messages and record its answers."""
    async with transactions() as uow:
        taken = await take_unconfirmed(uow, wait, limit)
    for message in taken:
        status = await notify.status_of(message.provider_id)
        if status is None:
            continue  # Notify could not be asked now: asked again after ``wait``
        async with transactions() as uow:
            await record_checked_status(uow, message, status, policy)
    return len(taken)


async def status_checker(ctx: WorkerContext[NotificationsSettings]) -> None:
    """The worker task: check until the worker stops (nothing to ask without a Notify key)."""
    settings = ctx.settings
    if settings.notify_api_key is None:
        return
    wait = timedelta(seconds=settings.notify_status_check_after_seconds)
    transactions, notify, policy = ctx.transactions(), NotifyChannel(settings), policy_of(settings)
    await every(
        min(wait.total_seconds(), 300.0),
        lambda: check_statuses(
            transactions, notify, policy, wait, settings.notify_status_check_batch_size
        ),
        ctx.stop,
        name="Notify status checks",
        batch_size=settings.notify_status_check_batch_size,
    )
