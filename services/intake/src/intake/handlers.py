"""Events intake consumes: case changes that update what a reporter sees.

The reporter sees three states: received (no case yet), open, closed, and short updates in
plain words, never staff notes. Every report of a case follows the case; an event older than
the version already held changes nothing.
"""

from __future__ import annotations

import uuid

from asb_shared.contracts import (
    CaseAssigned,
    CaseClosed,
    CaseOpened,
    CaseStatusChanged,
    ReportLinked,
)
from asb_shared.db import utcnow
from asb_shared.messaging.consumer import HandlerContext, Handlers
from sqlalchemy import func, insert, literal, select, update

from .models import ReporterUpdate, ReportStatus

handlers = Handlers()

OPEN = "open"
CLOSED = "closed"
_CLOSED_CASE_STATUSES = {"resolved", "closed", "information_only", "not_asb", "referred_on"}
_OUTCOME_WORDS = {
    "resolved": "the behaviour has stopped",
    "unresolved": "we could not take it further for now",
    "information_only": "we have kept your report on record for information",
    "not_asb": "this is not something we can treat as anti-social behaviour; we have given advice",
    "referred_on": "it has been passed to the agency best placed to deal with it",
}


def reporter_status(case_status: str) -> str:
    """What a reporter is told of a case's status: open or closed, nothing internal."""
    return CLOSED if case_status in _CLOSED_CASE_STATUSES else OPEN


async def _set_for_report(
    ctx: HandlerContext,
    report_id: uuid.UUID,
    case_reference: str,
    version: int,
    status: str,
    text: str,
) -> None:
    changed = await ctx.session.execute(
        update(ReportStatus)
        .where(ReportStatus.report_id == report_id, ReportStatus.case_version < version)
        .values(
            status=reporter_status(status),
            case_reference=case_reference,
            case_version=version,
            updated_at=func.now(),
        )
        .returning(ReportStatus.report_id)
    )
    if changed.first() is not None:
        await ctx.session.execute(
            insert(ReporterUpdate).values(report_id=report_id, at=utcnow(), text=text)
        )


async def _set_for_case(
    ctx: HandlerContext, case_reference: str, version: int, status: str, text: str | None
) -> None:
    newer = (ReportStatus.case_reference == case_reference) & (ReportStatus.case_version < version)
    if text:
        await ctx.session.execute(
            insert(ReporterUpdate).from_select(
                ["report_id", "at", "text"],
                select(ReportStatus.report_id, func.now(), literal(text)).where(newer),
            )
        )
    await ctx.session.execute(
        update(ReportStatus)
        .where(newer)
        .values(status=reporter_status(status), case_version=version, updated_at=func.now())
    )


@handlers.on(CaseOpened)
async def case_opened(ctx: HandlerContext, event: CaseOpened) -> None:
    """The report now has a case: the reporter sees it as open, with the case reference."""
    await _set_for_report(
        ctx,
        event.report_id,
        event.case_reference,
        event.version,
        event.status,
        f"We have opened case {event.case_reference} for your report.",
    )


@handlers.on(ReportLinked)
async def report_linked(ctx: HandlerContext, event: ReportLinked) -> None:
    """The report joined an existing case: the reporter follows that case."""
    await _set_for_report(
        ctx,
        event.report_id,
        event.case_reference,
        event.version,
        event.status,
        f"Your report has been added to case {event.case_reference}, which is about the same problem.",
    )


@handlers.on(CaseAssigned)
async def case_assigned(ctx: HandlerContext, event: CaseAssigned) -> None:
    await _set_for_case(
        ctx,
        event.case_reference,
        event.version,
        event.status,
        "An officer is now responsible for your case and will be your contact.",
    )


@handlers.on(CaseStatusChanged)
async def status_changed(ctx: HandlerContext, event: CaseStatusChanged) -> None:
    text = "Your case has been reopened." if event.command == "reopen" else None
    await _set_for_case(ctx, event.case_reference, event.version, event.status, text)


@handlers.on(CaseClosed)
async def case_closed(ctx: HandlerContext, event: CaseClosed) -> None:
    words = _OUTCOME_WORDS.get(event.outcome, event.outcome.replace("_", " "))
    await _set_for_case(
        ctx,
        event.case_reference,
        event.version,
        event.status,
        f"Your case has been closed: {words}. Please tell us how we did.",
    )
