"""Use cases of the evidence register: an officer adds an item; a reporter's files are registered.

Every item is kept with who added it, when, and its content hash, so that its integrity can be
shown in court.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.usecase import UnitOfWork

from ..cases.store import OnCase, PageOnCase, case_for_update, case_to_read, records_on_case
from ..reads.recording import read_of
from ..reads.sensitivity import Resource
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


@dataclass(frozen=True)
class EvidencePage:
    """A page of a case's evidence register, and the reason the reader gave, if any."""

    case_id: uuid.UUID
    limit: int
    cursor: uuid.UUID | None = None
    reason: str | None = None


async def evidence_on_case(uow: UnitOfWork, query: EvidencePage) -> list[Evidence]:
    """A page of the case's evidence register, newest first: where each file is kept is a
    sensitive read, audited on every case."""
    case = await case_to_read(uow, query.case_id)
    read_of(uow, case, Resource.EVIDENCE, query.reason)
    return await records_on_case(uow, PageOnCase(Evidence, case.id, query.limit, query.cursor))
