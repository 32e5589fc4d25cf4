"""Recording stored evidence files with their report (and the follow-up that brought them)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from asb_shared.evidence.storage import StoredEvidence
from asb_shared.usecase import UnitOfWork
from sqlalchemy import insert

from .models import EvidenceFile


async def record_files(
    uow: UnitOfWork,
    organisation_id: uuid.UUID,
    report_id: uuid.UUID,
    stored: Sequence[StoredEvidence],
    followup_id: uuid.UUID | None = None,
) -> list[EvidenceFile]:
    """One row per file already written to storage, in the caller's transaction."""
    rows: list[EvidenceFile] = []
    for item in stored:
        rows.append(
            (
                await uow.session.execute(
                    insert(EvidenceFile)
                    .values(
                        id=item.id,
                        organisation_id=organisation_id,
                        report_id=report_id,
                        followup_id=followup_id,
                        filename=item.filename,
                        content_type=item.content_type,
                        size=item.size,
                        sha256=item.sha256,
                        storage_key=item.storage_key,
                    )
                    .returning(EvidenceFile)
                )
            ).scalar_one()
        )
    return rows
