"""Events intake consumes: case changes that update what a reporter sees.

The reporter sees three states: received (no case yet), open, closed. Every report of a case
follows the case; an event older than the version already held changes nothing.
"""

from __future__ import annotations

from asb_shared.contracts import (
    CaseAssigned,
    CaseClosed,
    CaseOpened,
    CaseStatusChanged,
    ReportLinked,
)
from asb_shared.messaging.consumer import HandlerContext, Handlers
from sqlalchemy import func, update

from .models import ReportStatus

handlers = Handlers()

OPEN = "open"
CLOSED = "closed"
_CLOSED_CASE_STATUSES = {"resolved", "closed", "information_only", "not_asb", "referred_on"}


def reporter_status(case_status: str) -> str:
    """What a reporter is told of a case's status: open or closed, nothing internal."""
    return CLOSED if case_status in _CLOSED_CASE_STATUSES else OPEN


@handlers.on(CaseOpened)
async def case_opened(ctx: HandlerContext, event: CaseOpened) -> None:
    """The report now has a case: the reporter sees it as open, with the case reference."""
    await _set_for_report(ctx, event.report_id, event.case_reference, event.version, event.status)


@handlers.on(ReportLinked)
async def report_linked(ctx: HandlerContext, event: ReportLinked) -> None:
    """The report joined an existing case: the reporter follows that case."""
    await _set_for_report(ctx, event.report_id, event.case_reference, event.version, event.status)


async def _set_for_report(
    ctx: HandlerContext, report_id: object, case_reference: str, version: int, status: str
) -> None:
    await ctx.session.execute(
        update(ReportStatus)
        .where(ReportStatus.report_id == report_id, ReportStatus.case_version < version)
        .values(
            status=reporter_status(status),
            case_reference=case_reference,
            case_version=version,
            updated_at=func.now(),
        )
    )


async def _set_for_case(
    ctx: HandlerContext, case_reference: str, version: int, status: str
) -> None:
    await ctx.session.execute(
        update(ReportStatus)
        .where(ReportStatus.case_reference == case_reference, ReportStatus.case_version < version)
        .values(status=reporter_status(status), case_version=version, updated_at=func.now())
    )


@handlers.on(CaseStatusChanged)
async def status_changed(ctx: HandlerContext, event: CaseStatusChanged) -> None:
    await _set_for_case(ctx, event.case_reference, event.version, event.status)


@handlers.on(CaseClosed)
async def case_closed(ctx: HandlerContext, event: CaseClosed) -> None:
    await _set_for_case(ctx, event.case_reference, event.version, event.status)


@handlers.on(CaseAssigned)
async def case_assigned(ctx: HandlerContext, event: CaseAssigned) -> None:
    await _set_for_case(ctx, event.case_reference, event.version, event.status)
