"""The dispatcher: the notifications worker's own background task."""

from __future__ import annotations

from asb_shared.loops import NotifiedLoop
from asb_shared.messaging import Outbox
from asb_shared.service import WorkerContext

from .email import SmtpSender
from .messages import MESSAGES_CHANNEL, dispatch_due
from .settings import NotificationsSettings


async def dispatcher(ctx: WorkerContext) -> None:
    """Send queued messages when woken by a new one, and retry failed ones when due."""
    settings = ctx.settings
    assert isinstance(settings, NotificationsSettings)
    sender = SmtpSender(settings)
    outbox = Outbox(settings.service_name)
    loop = NotifiedLoop(
        ctx.db.url,
        MESSAGES_CHANNEL,
        lambda: dispatch_due(ctx, sender, outbox),
        name="message dispatcher",
        batch_size=settings.dispatch_batch_size,
        poll_seconds=1.0,
    )
    await loop.run(ctx.stop)
