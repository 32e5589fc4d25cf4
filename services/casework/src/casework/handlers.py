"""Events casework consumes."""

from __future__ import annotations

from asb_shared.contracts import ReportReceived
from asb_shared.messaging.consumer import HandlerContext, Handlers

from .cases import open_case_for_report

handlers = Handlers()


@handlers.on(ReportReceived)
async def report_received(ctx: HandlerContext, event: ReportReceived) -> None:
    await open_case_for_report(ctx, event)
