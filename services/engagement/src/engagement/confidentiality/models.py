"""The append-only log of reads of engagement records, and the staff named for overrides."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.readaudit import ReadLog
from sqlalchemy import Boolean, DateTime, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class RecordRead(ReadLog, Base):
    """One read of an engagement record (``resource``: ``client``, ``assessments``, ``plan``,
    ``report`` ...), in the platform's one read-log shape (:mod:`asb_shared.readaudit`). Never
    updated or deleted (a trigger refuses both)."""

    __tablename__ = "record_reads"

    client_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    view: Mapped[str] = mapped_column(String(20))
    override: Mapped[bool] = mapped_column(Boolean, default=False)
    concern: Mapped[str | None] = mapped_column(String(40))


class SafeguardingLead(Base):
    """A member of staff the organisation named to use the safeguarding override."""

    __tablename__ = "safeguarding_leads"

    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    subject: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
