"""The record of an evidence file: where it is kept and the hash it had on receipt."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import uuid7
from asb_shared.readaudit import ReadLog
from sqlalchemy import DateTime, ForeignKey, Integer, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class EvidenceFile(Base):
    """A file a reporter sent (photo, audio, video), hashed at receipt for its integrity in court."""

    __tablename__ = "evidence_files"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("reports.id"), index=True)
    followup_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("followups.id"))
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(100), comment="as detected from the content")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class EvidenceRead(ReadLog, Base):
    """A member of staff downloaded a stored evidence file: in the platform's one read-log shape
    (:mod:`asb_shared.readaudit`), append-only (the database refuses to change or remove it)."""

    __tablename__ = "evidence_reads"

    evidence_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    report_id: Mapped[uuid.UUID] = mapped_column(Uuid)
