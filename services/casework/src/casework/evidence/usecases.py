"""Use cases of the evidence register: an officer adds an item (by metadata, or a file kept by
casework after the checks every evidence file passes, ``asb_shared.evidence``); a file kept is
opened by staff, each opening recorded on the case's timeline; the court bundle is made.

Every item is kept with who added it, when, and its content hash, so that its integrity can be
shown in court.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared.evidence.storage import StoredEvidence
from asb_shared.organisations import find_organisation
from asb_shared.usecase import NotFound, UnitOfWork
from sqlalchemy import select

from ..cases.models import Case
from ..cases.store import (
    OnCase,
    PageOnCase,
    WhichCase,
    case_for_update,
    case_to_read,
    records_on_case,
)
from ..reads.recording import read_of
from ..reads.sensitivity import Resource
from ..standards import timers
from ..timeline.models import TimelineEntry
from ..timeline.recording import acting, record
from .bundle import Bundle, BundleEntry, BundleItem, relevant
from .kinds import EvidenceKind, kind_of_file
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


@dataclass(frozen=True)
class KeepFile:
    case_id: uuid.UUID
    stored: StoredEvidence
    description: str
    kind: EvidenceKind | None


@dataclass(frozen=True)
class WhichFile:
    case_id: uuid.UUID
    evidence_id: uuid.UUID
    reason: str | None = None


async def case_for_file(uow: UnitOfWork, case_id: uuid.UUID) -> Case:
    """The acting organisation's case a file is about to be added to (404 before any bytes are
    read or written)."""
    return await case_to_read(uow, case_id)


async def keep_file(uow: UnitOfWork, command: KeepFile) -> Evidence:
    """Register a checked and stored file on the case, with its hash taken at receipt."""
    case = await case_for_update(uow, command.case_id)
    stored = command.stored
    actor = acting(uow)
    row = Evidence(
        id=stored.id,
        case_id=case.id,
        organisation_id=case.organisation_id,
        kind=(command.kind or EvidenceKind(kind_of_file(stored.content_type))).value,
        origin="staff upload",
        description=command.description or stored.filename,
        sha256=stored.sha256,
        location=stored.storage_key,
        added_by=actor,
        added_at=uow.now(),
        content_type=stored.content_type,
        size=stored.size,
        kept_here=True,
    )
    uow.session.add(row)
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=actor,
        kind="evidence",
        summary=f"Evidence file added ({row.kind}): {row.description}"[:2000],
        data={
            "evidence_id": str(row.id),
            "kind": row.kind,
            "origin": row.origin,
            "sha256": row.sha256,
            "size": row.size,
        },
    )
    await timers.on_case_updated(uow.session, case, uow.now())
    return row


async def open_file(uow: UnitOfWork, command: WhichFile) -> Evidence:
    """The register's entry of a file casework keeps; every opening is a sensitive read,
    audited (who, when, which case, and why if the reader said)."""
    case = await case_to_read(uow, command.case_id)
    row = await uow.session.scalar(
        select(Evidence).where(
            Evidence.id == command.evidence_id,
            Evidence.case_id == case.id,
            Evidence.kept_here.is_(True),
        )
    )
    if row is None or row.location is None:
        raise NotFound("No file of this case is kept under this id.")
    read_of(uow, case, Resource.EVIDENCE_FILE, command.reason, evidence_id=row.id)
    return row


async def court_bundle(uow: UnitOfWork, command: WhichCase) -> Bundle:
    """What the case's court bundle holds: the evidence register in order, with hashes, and
    the relevant timeline; making it is recorded on the case."""
    case = await case_for_update(uow, command.case_id)
    items = await uow.session.scalars(
        select(Evidence).where(Evidence.case_id == case.id).order_by(Evidence.added_at, Evidence.id)
    )
    entries = await uow.session.scalars(
        select(TimelineEntry)
        .where(TimelineEntry.case_id == case.id)
        .order_by(TimelineEntry.at, TimelineEntry.id)
    )
    organisation = await find_organisation(uow.session, case.organisation_id)
    actor = acting(uow)
    bundle = Bundle(
        organisation=organisation.name if organisation is not None else "",
        case_reference=case.reference,
        categories=list(case.categories or []),
        opened_at=case.opened_at,
        status=case.status,
        made_by=actor,
        made_at=uow.now(),
        items=[
            BundleItem(
                number=n,
                kind=e.kind,
                origin=e.origin,
                description=e.description,
                added_by=e.added_by,
                added_at=e.added_at,
                sha256=e.sha256,
                size=e.size,
                content_type=e.content_type,
            )
            for n, e in enumerate(items, start=1)
        ],
        timeline=[
            BundleEntry(at=t.at, actor=t.actor, kind=t.kind, summary=t.summary)
            for t in entries
            if relevant(t.kind)
        ],
    )
    await record(
        uow,
        case,
        actor=actor,
        kind="court_bundle",
        summary=f"Court bundle made ({len(bundle.items)} items of evidence)",
        data={"items": len(bundle.items)},
    )
    return bundle
