"""Reading the markers that apply to a case, as the acting member of staff sees them."""

from __future__ import annotations

from datetime import date

from asb_shared.calendar import LONDON
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..cases.models import Case
from .models import WarningMarker
from .schemas import MarkerOut
from .visibility import keys_of_case, seen_by


def _today(uow: UnitOfWork) -> date:
    return uow.now().astimezone(LONDON).date()


def marker_out(uow: UnitOfWork, marker: WarningMarker) -> MarkerOut:
    roles = [r.value for r in uow.actor.roles] if uow.actor is not None else []
    view = seen_by(marker.reason, marker.reason_visible_to, marker.review_on, roles, _today(uow))
    return MarkerOut(
        id=marker.id,
        about=marker.about,
        key=marker.key,
        label=marker.label,
        reason=view.reason,
        reason_withheld=view.reason_withheld,
        review_on=marker.review_on,
        review_due=view.review_due,
        raised_on_case=marker.raised_on_case,
        added_by=marker.added_by,
        added_at=marker.added_at,
    )


async def markers_on(uow: UnitOfWork, case: Case) -> list[MarkerOut]:
    """The live markers on the case's address and subjects, wherever they were raised."""
    keys = keys_of_case(case.address_key, case.subject_keys or [])
    if not keys:
        return []
    rows = await uow.session.scalars(
        select(WarningMarker)
        .where(
            WarningMarker.organisation_id == case.organisation_id,
            WarningMarker.key.in_(keys),
            WarningMarker.removed_at.is_(None),
        )
        .order_by(WarningMarker.added_at, WarningMarker.id)
    )
    return [marker_out(uow, m) for m in rows]
