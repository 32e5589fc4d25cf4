"""Writing a sensitive read, in the reader's own transaction (no read goes unlogged)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asb_shared import readaudit
from asb_shared.usecase import UnitOfWork

from ..cases.models import Case
from ..cases.store import WhichCase
from .models import SensitiveRead
from .sensitivity import Resource, is_sensitive


@dataclass(frozen=True)
class ReadingCase(WhichCase):
    """A read of one case's records, with the reason the reader gave, if any."""

    reason: str | None = None


def read_of(
    uow: UnitOfWork,
    case: Case,
    resource: Resource,
    reason: str | None = None,
    evidence_id: uuid.UUID | None = None,
) -> None:
    """Audit a read of ``resource`` on ``case`` if it is a sensitive one; otherwise nothing."""
    if not is_sensitive(resource, case.priority_route):
        return
    readaudit.append(
        uow,
        SensitiveRead,
        organisation_id=case.organisation_id,
        resource=resource.value,
        reason=reason,
        case_id=case.id,
        case_reference=case.reference,
        priority_route=case.priority_route,
        evidence_id=evidence_id,
    )
