"""What the partner gateway holds about the person of a subject access request: its copy of
each case of theirs (from which partners are given what their agreements allow) and the
partner audit entries for those cases (who at which partner read or wrote them, and when)."""

from __future__ import annotations

from asb_shared.contracts.casework import SubjectAccessRequested
from asb_shared.contracts.partner_gateway import PartnersSubjectAccessContributed
from asb_shared.subject_access import item
from asb_shared.usecase import UnitOfWork
from sqlalchemy import select

from ..audit.models import AuditEntry
from ..sharing.models import CaseProjection


async def contribute(uow: UnitOfWork, command: SubjectAccessRequested) -> None:
    """Answer the request with the gateway's copies of the person's cases and their audit."""
    organisation_id = uow.envelope.organisation_id
    items = []
    if command.case_ids:
        for case in await uow.session.scalars(
            select(CaseProjection).where(
                CaseProjection.organisation_id == organisation_id,
                CaseProjection.case_id.in_(command.case_ids),
            )
        ):
            items.append(
                item(
                    "shared_case",
                    {
                        "status": case.status,
                        "categories": list(case.categories),
                        "outcome": case.outcome,
                        "closure_reason": case.closure_reason,
                        "officer_name": case.officer_name,
                        "complainants": case.complainants,
                    },
                    reference=case.case_reference,
                    at=case.opened_at,
                )
            )
        for entry in await uow.session.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.organisation_id == organisation_id,
                AuditEntry.case_id.in_(command.case_ids),
            )
            .order_by(AuditEntry.id)
        ):
            items.append(
                item(
                    "partner_access",
                    {
                        "partner_id": str(entry.partner_id) if entry.partner_id else None,
                        "action": entry.action,
                        "fields": list(entry.fields),
                        "outcome": entry.outcome,
                    },
                    reference=str(entry.case_id),
                    at=entry.at,
                )
            )
    await uow.emit(PartnersSubjectAccessContributed(request_id=command.request_id, items=items))
