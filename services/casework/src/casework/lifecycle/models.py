"""What an officer did to corroborate an anonymous report before closing it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now


class CorroborationAttempt(CaseRecord, Base):
    """One attempt to corroborate the report: how (patrol, CCTV...), what, when, the result."""

    __tablename__ = "corroboration_attempts"

    method: Mapped[str] = mapped_column(String(30))
    what: Mapped[str] = mapped_column(Text)
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    result: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = created_now()
