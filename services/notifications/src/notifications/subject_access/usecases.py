"""What notifications holds about the person of a subject access request: their contact
records as casework announced them, and every message made for them (what it said, by which
channel, what became of it, and why a channel was or was not used)."""

from __future__ import annotations

from asb_shared.contracts.casework import SubjectAccessRequested
from asb_shared.contracts.notifications import NotificationsSubjectAccessContributed
from asb_shared.subject_access import item
from asb_shared.usecase import UnitOfWork
from sqlalchemy import func, or_, select

from ..contacts.models import ContactRecordRow
from ..messages.models import Message


async def contribute(uow: UnitOfWork, command: SubjectAccessRequested) -> None:
    """Answer the request with what notifications holds about the person (perhaps nothing)."""
    organisation_id = uow.envelope.organisation_id
    emails = [e.lower() for e in command.emails]
    records = list(
        await uow.session.scalars(
            select(ContactRecordRow).where(
                ContactRecordRow.organisation_id == organisation_id,
                or_(
                    ContactRecordRow.person_id.in_(command.person_ids),
                    func.lower(ContactRecordRow.record["email"].astext).in_(emails),
                    ContactRecordRow.record["phone"].astext.in_(command.phones),
                ),
            )
        )
    )
    items = [
        item(
            "contact_record",
            {
                k: v
                for k, v in row.record.items()
                if k in ("name", "email", "phone", "address", "preferences", "report_reference")
            },
            reference=str(row.record.get("report_reference") or "") or None,
            at=row.updated_at,
        )
        for row in records
    ]
    people = {row.person_id for row in records} | set(command.person_ids)
    if people:
        for message in await uow.session.scalars(
            select(Message)
            .where(Message.organisation_id == organisation_id, Message.person_id.in_(people))
            .order_by(Message.created_at)
        ):
            items.append(
                item(
                    "message",
                    {
                        "kind": message.kind,
                        "channel": message.channel,
                        "address": message.address,
                        "status": message.status,
                        "subject": message.subject,
                        "body": message.body,
                        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
                        "decisions": message.decisions,
                    },
                    reference=message.reference or message.case_reference,
                    at=message.created_at,
                )
            )
    await uow.emit(
        NotificationsSubjectAccessContributed(request_id=command.request_id, items=items)
    )
