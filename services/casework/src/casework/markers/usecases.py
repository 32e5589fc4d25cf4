"""Use cases of warning markers: raise one on a case's address or subject; remove it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import Invalid, NotFound, UnitOfWork
from sqlalchemy import select

from ..cases.store import OnCase, WhichCase, case_for_update, case_to_read, staff
from ..timeline.recording import acting, record
from .models import WarningMarker
from .schemas import MarkerIn, MarkerOut
from .store import announce_markers, cases_marked_by, marker_out, markers_on
from .visibility import MarkerAbout


@dataclass(frozen=True)
class Removal:
    marker_id: uuid.UUID
    reason: str


async def raise_marker(uow: UnitOfWork, command: OnCase[MarkerIn]) -> MarkerOut:
    """Put a marker on the case's address, or on one of its subjects."""
    case = await case_for_update(uow, command.case_id)
    body = command.body
    if body.about is MarkerAbout.ADDRESS:
        key = case.address_key
        if key is None:
            raise Invalid.at("about", "the case has no address to mark")
    else:
        key = body.subject_key
        if key is None or key not in (case.subject_keys or []):
            raise Invalid.at("subject_key", "name one of the case's subject_keys")
    actor = acting(uow)
    marker = WarningMarker(
        organisation_id=case.organisation_id,
        about=body.about.value,
        key=key,
        label=body.label,
        reason=body.reason,
        reason_visible_to=sorted(set(body.reason_visible_to)),
        review_on=body.review_on,
        raised_on_case=case.id,
        added_by=actor,
        added_at=uow.now(),
    )
    uow.session.add(marker)
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=actor,
        kind="warning_marker",
        # The label only: the reason stays with the roles the marker names.
        summary=f"Warning marker on the {marker.about}: {marker.label}",
        data={"marker_id": str(marker.id), "about": marker.about},
    )
    await _announce_for(uow, marker)
    return marker_out(uow, marker)


async def _announce_for(uow: UnitOfWork, marker: WarningMarker) -> None:
    for case in await cases_marked_by(uow, marker.organisation_id, marker.key):
        await announce_markers(uow, case)


async def markers_of_case(uow: UnitOfWork, query: WhichCase) -> list[MarkerOut]:
    """The markers on the case's address and subjects (raised on this case or another)."""
    return await markers_on(uow, await case_to_read(uow, query.case_id))


async def remove_marker(uow: UnitOfWork, command: Removal) -> MarkerOut:
    """Take a marker off after its review (kept, with who removed it and when)."""
    marker = await uow.session.scalar(
        select(WarningMarker)
        .where(
            WarningMarker.id == command.marker_id,
            WarningMarker.organisation_id == staff(uow).organisation_id,
            WarningMarker.removed_at.is_(None),
        )
        .with_for_update()
    )
    if marker is None:
        raise NotFound("No such warning marker.")
    marker.removed_by, marker.removed_at = acting(uow), uow.now()
    marker.removal_reason = command.reason
    await uow.session.flush()
    await _announce_for(uow, marker)
    return marker_out(uow, marker)
