"""Service-standard timers."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Index, String, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord


class Standard(CaseRecord, Base):
    """A service-standard timer: due, warned before breach, breached, or met by an action."""

    __tablename__ = "standards"
    __table_args__ = (
        Index(
            "ix_standards_running_warn",
            "warn_at",
            postgresql_where=text("status = 'running' AND warned_at IS NULL"),
        ),
        Index("ix_standards_running_due", "due_at", postgresql_where=text("status = 'running'")),
        # One running timer of each kind per case, whoever starts it; a timer about one
        # complainant (first contact) runs once per complainant.
        Index(
            "uq_standards_one_running",
            "case_id",
            "kind",
            unique=True,
            postgresql_where=text("status = 'running' AND person_id IS NULL"),
        ),
        Index(
            "uq_standards_one_running_per_person",
            "case_id",
            "kind",
            "person_id",
            unique=True,
            postgresql_where=text("status = 'running' AND person_id IS NOT NULL"),
        ),
    )

    kind: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, comment="the complainant a timer is about (first contact), else none"
    )
    status: Mapped[str] = mapped_column(String(20), server_default=text("'running'"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    warn_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    warned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    breached_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    met_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
