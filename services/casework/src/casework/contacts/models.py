"""Contacts with the people on a case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..database import Base, CaseRecord, created_now


class Contact(CaseRecord, Base):
    """A contact with someone on the case: who, how, when, and what was said."""

    __tablename__ = "contacts"

    with_whom: Mapped[str] = mapped_column(String(30))
    method: Mapped[str] = mapped_column(String(20))
    contacted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    summary: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = created_now()
