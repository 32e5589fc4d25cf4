"""Announcing what happened to a case: the event carries the case as it now stands.

Every event about one case (opened, report linked, status changed, assigned, closed) carries the
case's id, reference, status and version after the change: projections in other services order
a case's events by that version and ignore an older one.
"""

from __future__ import annotations

from typing import Any

from asb_shared.contracts.casework import CaseChange, CaseOpenedV2
from asb_shared.usecase import UnitOfWork

from .models import Case


async def announce(
    uow: UnitOfWork, case: Case, event: type[CaseChange | CaseOpenedV2], **fields: Any
) -> None:
    """Put ``event`` about ``case`` in the outbox, under the case's landlord, in this
    transaction."""
    await uow.emit(
        event(
            case_id=case.id,
            case_reference=case.reference,
            version=case.version,
            status=case.status,
            **fields,
        ),
        organisation_id=case.organisation_id,
    )
