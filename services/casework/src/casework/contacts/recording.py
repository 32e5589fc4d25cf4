"""Recording a contact on a case: the record, the timeline entry and the standards it meets (a contact an officer records, and the discussion before a closure)."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.usecase import UnitOfWork

from ..cases.models import Case, Contact
from ..standards import timers
from ..timeline.recording import record


async def store_contact(
    uow: UnitOfWork,
    case: Case,
    *,
    actor: str,
    with_whom: str,
    method: str,
    at: datetime,
    summary: str,
    person_id: uuid.UUID | None = None,
) -> Contact:
    """Keep a contact on a locked case: its record, its timeline entry, and the standards it
    meets (``person_id``: which complainant, if known)."""
    contact = Contact(
        case_id=case.id,
        organisation_id=case.organisation_id,
        with_whom=with_whom,
        person_id=person_id,
        method=method,
        contacted_at=at,
        summary=summary,
        recorded_by=actor,
        recorded_at=uow.now(),
    )
    uow.session.add(contact)
    await uow.session.flush()
    await record(
        uow,
        case,
        actor=actor,
        kind="contact",
        summary=f"Contact with the {with_whom} by {method}: {summary}"[:2000],
        data={
            "contact_id": str(contact.id),
            "with_whom": with_whom,
            "person_id": str(person_id) if person_id else None,
            "method": method,
            "contacted_at": at.isoformat(),
        },
    )
    await timers.on_contact_recorded(uow.session, case, with_whom, at, person_id)
    return contact
