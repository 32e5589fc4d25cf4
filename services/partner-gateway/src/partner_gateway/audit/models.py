"""The partner audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE)."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import uuid7
from sqlalchemy import ARRAY, DateTime, Index, Integer, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class AuditEntry(Base):
    """Who (which partner, which system), did what (read, write, token), to which case, which
    fields, under which agreement, when, and whether it was allowed."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_org_at", "organisation_id", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    """None when the caller could not be identified (a token that does not verify)."""
    partner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    client_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    """``read``, ``write``, ``token``."""
    resource: Mapped[str] = mapped_column(String(200))
    """What was asked for, e.g. ``GET /partner/v1/cases/{case_id}``."""
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    fields: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
    outcome: Mapped[str] = mapped_column(String(20))
    """``allowed`` or ``refused``."""
    status_code: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
