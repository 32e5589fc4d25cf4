"""Events casework consumes."""

from __future__ import annotations

from asb_shared.contracts import FollowupReceived, MessageDelivered, MessageFailed, ReportReceived
from asb_shared.messaging.consumer import HandlerContext, Handlers

from .cases import handle_followup, handle_report, record_acknowledgement

handlers = Handlers()


@handlers.on(ReportReceived)
async def report_received(ctx: HandlerContext, event: ReportReceived) -> None:
    await handle_report(ctx, event)


@handlers.on(MessageDelivered)
async def message_delivered(ctx: HandlerContext, event: MessageDelivered) -> None:
    await record_acknowledgement(ctx, event)


@handlers.on(MessageFailed)
async def message_failed(ctx: HandlerContext, event: MessageFailed) -> None:
    await record_acknowledgement(ctx, event)


@handlers.on(FollowupReceived)
async def followup_received(ctx: HandlerContext, event: FollowupReceived) -> None:
    await handle_followup(ctx, event)
