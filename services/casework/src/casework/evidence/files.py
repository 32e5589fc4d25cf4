"""Files a reporter sent, put into the case's evidence register with their hashes."""

from __future__ import annotations

from asb_shared.contracts.intake import EvidenceRef
from asb_shared.usecase import UnitOfWork

from ..cases.models import Case
from .kinds import kind_of_file
from .models import Evidence


async def register_files(
    uow: UnitOfWork, case: Case, refs: list[EvidenceRef], origin: str, added_by: str
) -> None:
    """Put files a reporter sent into the case's evidence register, with their hashes."""
    for ref in refs:
        uow.session.add(
            Evidence(
                id=ref.evidence_id,
                case_id=case.id,
                organisation_id=case.organisation_id,
                kind=kind_of_file(ref.content_type),
                origin=origin,
                description=ref.filename,
                sha256=ref.sha256,
                location=ref.storage_key,
                added_by=added_by,
            )
        )
