"""The append-only log of sensitive reads in casework."""

from __future__ import annotations

import uuid

from asb_shared.readaudit import ReadLog
from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class SensitiveRead(ReadLog, Base):
    """One read of a sensitive casework record. Never updated or deleted: the database refuses
    both (``asb_shared.readaudit.append_only``)."""

    __tablename__ = "sensitive_reads"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_reference: Mapped[str] = mapped_column(String(40))
    priority_route: Mapped[str | None] = mapped_column(String(30))
    evidence_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    """The stored file opened, for an ``evidence_file`` read."""
