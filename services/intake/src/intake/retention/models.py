"""Evidence files to remove from storage: written in the transaction that removes their rows,
removed by a worker task that holds the store (files cannot be part of a transaction)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class EvidenceErasure(Base):
    """A stored file whose evidence record is gone: the file goes next."""

    __tablename__ = "evidence_erasures"

    storage_key: Mapped[str] = mapped_column(String(500), primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    requested_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
