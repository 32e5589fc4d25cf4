"""Reading the markers that apply to a case, as the acting member of staff sees them; telling
the other services which markers stand on a case (never their reasons)."""

from __future__ import annotations

import uuid
from datetime import date

from asb_shared.calendar import LONDON
from asb_shared.contracts.casework import SharedWarningMarker, WarningMarkersChanged
from asb_shared.usecase import UnitOfWork
from sqlalchemy import or_, select

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
    return [marker_out(uow, m) for m in await _live(uow, case)]


async def _live(uow: UnitOfWork, case: Case) -> list[WarningMarker]:
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
    return list(rows)


async def announce_markers(uow: UnitOfWork, case: Case, *, only_if_any: bool = False) -> None:
    """Tell the other services which markers stand on the case now (label, review date; never
    the reason): the partner gateway shows them only where an agreement names them."""
    live = await _live(uow, case)
    if only_if_any and not live:
        return
    await uow.emit(
        WarningMarkersChanged(
            case_id=case.id,
            case_reference=case.reference,
            markers=[
                SharedWarningMarker(about=m.about, label=m.label, review_on=m.review_on)
                for m in live
            ],
            as_of=uow.now(),
        ),
        organisation_id=case.organisation_id,
    )


async def cases_marked_by(uow: UnitOfWork, organisation_id: uuid.UUID, key: str) -> list[Case]:
    """The landlord's cases about the address or subject ``key`` (a marker on it shows on
    each)."""
    rows = await uow.session.scalars(
        select(Case).where(
            Case.organisation_id == organisation_id,
            or_(Case.address_key == key, Case.subject_keys.contains([key])),
        )
    )
    return list(rows)
