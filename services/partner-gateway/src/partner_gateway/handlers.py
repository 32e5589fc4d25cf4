"""Events the partner gateway consumes."""

from __future__ import annotations

from asb_shared.contracts import CaseOpened
from asb_shared.messaging.consumer import HandlerContext, Handlers
from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert

from .models import SharedCase

handlers = Handlers()


@handlers.on(CaseOpened)
async def case_opened(ctx: HandlerContext, event: CaseOpened) -> None:
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
