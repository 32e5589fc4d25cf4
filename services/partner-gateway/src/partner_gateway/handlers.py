"""Events the partner gateway consumes."""

from __future__ import annotations

from asb_shared.contracts import (
    CaseChange,
    CaseClosed,
    CaseClosedV2,
    CaseOpened,
    CaseOpenedV2,
    CaseStatusChanged,
)
from asb_shared.messaging.consumer import HandlerContext, Handlers
from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert

from .models import SharedCase

handlers = Handlers()


@handlers.on(CaseOpenedV2)
@handlers.on(CaseOpened)
async def case_opened(ctx: HandlerContext, event: CaseOpened | CaseOpenedV2) -> None:
    """Project the case; an event older than the version held changes nothing."""
    values = {
        "organisation_id": ctx.envelope.organisation_id,
        "case_reference": event.case_reference,
        "status": event.status,
        "categories": [c.value for c in event.categories],
        "version": event.version,
        "opened_at": event.opened_at,
    }
    stmt = insert(SharedCase).values(case_id=event.case_id, **values)
    await ctx.session.execute(
        stmt.on_conflict_do_update(
            index_elements=[SharedCase.case_id],
            set_={**values, "updated_at": func.now()},
            where=SharedCase.version < stmt.excluded.version,
        )
    )


async def _follow(ctx: HandlerContext, event: CaseChange) -> None:
    """A later state of a case the gateway already holds; older events change nothing."""
    await ctx.session.execute(
        update(SharedCase)
        .where(SharedCase.case_id == event.case_id, SharedCase.version < event.version)
        .values(status=event.status, version=event.version, updated_at=func.now())
    )


@handlers.on(CaseStatusChanged)
async def status_changed(ctx: HandlerContext, event: CaseStatusChanged) -> None:
    await _follow(ctx, event)


@handlers.on(CaseClosedV2)
@handlers.on(CaseClosed)
async def case_closed(ctx: HandlerContext, event: CaseClosed | CaseClosedV2) -> None:
    await _follow(ctx, event)
