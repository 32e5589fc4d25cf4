"""Use cases of the evidence register: an officer adds an item; a reporter's files are registered.

Every item is kept with who added it, when, and its content hash, so that its integrity can be
shown in court.
"""

from __future__ import annotations

from asb_shared.usecase import UnitOfWork

from ..cases.store import OnCase, case_for_update
from ..standards import timers
from ..timeline.recording import acting, record
from .models import Evidence
from .schemas import EvidenceIn


async def add_evidence(uow: UnitOfWork, command: OnCase[EvidenceIn]) -> Evidence:
    case = await case_for_update(uow, command.case_id)
    actor = acting(uow)
    body = command.body
    row = Evidence(
        case_id=case.id,
        organisation_id=case.organisation_id,
        kind=body.kind.value,
        origin=body.origin,
        description=body.description,
        sha256=body.sha256,
        location=body.location,
        added_by=actor,
        added_at=uow.now(),
    )
    uow.session.add(row)
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=actor,
        kind="evidence",
        summary=f"Evidence added ({row.kind}, from {row.origin}): {row.description}"[:2000],
        data={
            "evidence_id": str(row.id),
            "kind": row.kind,
            "origin": row.origin,
            "sha256": row.sha256,
        },
    )
    await timers.on_case_updated(uow.session, case, uow.now())
    return row
