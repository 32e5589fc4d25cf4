"""Events intake consumes: case changes that update what a reporter sees."""

from __future__ import annotations

from asb_shared.contracts import CaseOpened
from asb_shared.messaging.consumer import HandlerContext, Handlers
from sqlalchemy import func, update

from .models import ReportStatus

handlers = Handlers()

OPEN = "open"


@handlers.on(CaseOpened)
async def case_opened(ctx: HandlerContext, event: CaseOpened) -> None:
    """The report now has a case: the reporter sees it as open, with the case reference."""
    # A projection keeps only the newest state: an event older than the one held is ignored.
    await ctx.session.execute(
        update(ReportStatus)
        .where(ReportStatus.report_id == event.report_id, ReportStatus.case_version < event.version)
        .values(
            status=OPEN,
            case_reference=event.case_reference,
            case_version=event.version,
            updated_at=func.now(),
        )
    )
