"""Who read an evidence file; the record of the file itself (where it is kept, the hash it had on
receipt) is the report's (``reports.models.EvidenceFile``)."""

from __future__ import annotations

import uuid

from asb_shared.readaudit import ReadLog
from sqlalchemy import Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class EvidenceRead(ReadLog, Base):
    """A member of staff downloaded a stored evidence file: in the platform's one read-log shape
    (:mod:`asb_shared.readaudit`), append-only (the database refuses to change or remove it)."""

    __tablename__ = "evidence_reads"

    evidence_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    report_id: Mapped[uuid.UUID] = mapped_column(Uuid)
