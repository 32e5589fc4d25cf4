"""The dispatcher: sends what is due, one message at a time, now or later.

Messages due later (the satisfaction survey, a message deferred to the person's safe hours, a
retry) are rows with their due time: they survive restarts, and any number of dispatchers can
run (each claim is ``FOR UPDATE SKIP LOCKED``). Woken by ``NOTIFY`` when a message is queued,
and polling for those that become due.
"""

from __future__ import annotations

import logging
from datetime import datetime

from asb_shared import tracing
from asb_shared.loops import NotifiedLoop
from asb_shared.service import WorkerContext
from asb_shared.usecase import Transactions
from prometheus_client import Counter

from ..channels import Accepted, Outcome, Permanent, Temporary
from ..delivery.policy import policy_of
from ..delivery.usecases import Claimed, Policy, RecordOutcome, claim_next, record_outcome
from ..messages.usecases import MESSAGES_CHANNEL
from ..settings import NotificationsSettings
from .senders import Senders

log = logging.getLogger(__name__)

SENT = Counter(
    "asb_notifications_sent_total",
    "Messages a channel accepted (email relay, GOV.UK Notify, SMS), by channel",
    ["channel"],
)
FAILED = Counter(
    "asb_notifications_failed_total",
    "Send attempts a channel refused, by channel; temporary ones are tried again later",
    ["channel", "kind"],
)


def count(claimed: Claimed, outcome: Outcome) -> None:
    """One send attempt's result, for the operator's figures."""
    channel = claimed.channel.value
    if isinstance(outcome, Accepted):
        SENT.labels(channel).inc()
    elif isinstance(outcome, Permanent):
        FAILED.labels(channel, "permanent").inc()
    else:
        FAILED.labels(channel, "temporary").inc()


async def dispatch_due(
    transactions: Transactions, senders: Senders, policy: Policy, limit: int
) -> int:
    """Claim, send and record up to ``limit`` due messages, one at a time; how many it took.

    Each sent message's outcome is recorded in the transaction that claims the next one: one
    transaction per message, and still nothing is sent before the outcome of the message
    before it is committed, so a fault repeats at most the one message in flight.
    """
    handled = 0
    sent: RecordOutcome | None = None
    while True:
        try:
            async with transactions() as uow:
                if sent is not None:
                    await record_outcome(uow, sent)
                claimed = await claim_next(uow, policy) if handled < limit else False
                now = uow.now()
        except Exception:
            if sent is None:
                raise
            # The claim failed (or the database went away): the outcome is recorded on its
            # own, so that a message that cannot be claimed never makes another one repeat.
            async with transactions() as uow:
                await record_outcome(uow, sent)
            raise
        sent = None
        if claimed is False:
            break
        handled += 1
        if claimed is True:
            continue
        sent = RecordOutcome(
            claimed.id, claimed.attempt, await _send(senders, claimed, now), claimed.channel, policy
        )
    return handled


async def _send(senders: Senders, claimed: Claimed, now: datetime) -> Outcome:
    with tracing.span_in(
        claimed.traceparent,
        f"send {claimed.channel.value}",
        kind=tracing.SpanKind.CLIENT,
        attributes={
            "asb.message.id": str(claimed.id),
            "asb.message.channel": claimed.channel.value,
            "asb.message.kind": claimed.kind,
            "asb.message.attempt": claimed.attempt,
        },
    ) as span:
        try:
            outcome: Outcome = await senders.send(claimed, now)
        except Exception as exc:  # a sender's own bug: recorded and retried, never a loop
            log.exception("sending message %s failed unexpectedly", claimed.id)
            outcome = Temporary(f"unexpected error: {exc!r}")
        span.set_attribute("asb.message.outcome", type(outcome).__name__)
        count(claimed, outcome)
        if not isinstance(outcome, Accepted):
            span.set_status(tracing.StatusCode.ERROR, type(outcome).__name__)
    return outcome


async def dispatcher(ctx: WorkerContext[NotificationsSettings]) -> None:
    """The worker task: dispatch until the worker stops."""
    settings = ctx.settings
    transactions, senders, policy = ctx.transactions(), Senders(settings), policy_of(settings)
    loop = NotifiedLoop(
        ctx.db.url,
        MESSAGES_CHANNEL,
        lambda: dispatch_due(transactions, senders, policy, settings.dispatch_batch_size),
        name="message dispatcher",
        batch_size=settings.dispatch_batch_size,
        poll_seconds=settings.dispatch_poll_seconds,
    )
    try:
        await loop.run(ctx.stop)
    finally:
        await senders.close()
