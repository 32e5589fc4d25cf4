"""Events notifications consumes."""

from __future__ import annotations

from asb_shared.contracts import CaseOpened, ReportLinked, StandardBreached, StandardWarning
from asb_shared.messaging.consumer import HandlerContext, Handlers

from .messages import alert_on_standard, queue_acknowledgement

handlers = Handlers()


@handlers.on(CaseOpened)
async def case_opened(ctx: HandlerContext, event: CaseOpened) -> None:
    await queue_acknowledgement(ctx, event)


@handlers.on(ReportLinked)
async def report_linked(ctx: HandlerContext, event: ReportLinked) -> None:
    await queue_acknowledgement(ctx, event)


@handlers.on(StandardWarning)
async def standard_warning(ctx: HandlerContext, event: StandardWarning) -> None:
    await alert_on_standard(ctx, event)


@handlers.on(StandardBreached)
async def standard_breached(ctx: HandlerContext, event: StandardBreached) -> None:
    await alert_on_standard(ctx, event)
