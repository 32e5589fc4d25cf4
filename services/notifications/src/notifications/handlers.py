"""Events notifications consumes."""

from __future__ import annotations

from asb_shared.contracts import CaseOpened, ReportLinked
from asb_shared.messaging.consumer import HandlerContext, Handlers

from .messages import queue_acknowledgement

handlers = Handlers()


@handlers.on(CaseOpened)
async def case_opened(ctx: HandlerContext, event: CaseOpened) -> None:
    await queue_acknowledgement(ctx, event)


@handlers.on(ReportLinked)
async def report_linked(ctx: HandlerContext, event: ReportLinked) -> None:
    await queue_acknowledgement(ctx, event)
