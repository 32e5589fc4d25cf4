"""The language needs officers record on the people a report names."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord


class LanguageNeed(CaseRecord, Base):
    """One person's language and interpreter or BSL need.

    The person is the ``position``-th subject or witness of the report ``report_id`` (casework
    keeps them as the report arrived), so the need follows the report if it moves to another
    case.
    """

    __tablename__ = "language_needs"
    __table_args__ = (UniqueConstraint("report_id", "role", "position"),)

    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(20))
    interpreter: Mapped[bool] = mapped_column(Boolean)
    bsl: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
