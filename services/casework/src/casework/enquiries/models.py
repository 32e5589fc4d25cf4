"""Councillors' and MPs' enquiries about a case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord


class Enquiry(CaseRecord, Base):
    """An elected member's enquiry about a case and its answer. Its response timer is a
    standards-clock timer of kind ``enquiry_response`` whose ``person_id`` is this row's id."""

    __tablename__ = "enquiries"

    enquirer: Mapped[str] = mapped_column(String(20), comment="councillor or mp")
    enquirer_name: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(200))
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(200))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
