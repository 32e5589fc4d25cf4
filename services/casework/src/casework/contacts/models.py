"""Contacts with the people on a case, and each complainant's contact record."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String, Text, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now


class Contact(CaseRecord, Base):
    """A contact with someone on the case: who, how, when, and what was said."""

    __tablename__ = "contacts"

    with_whom: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, comment="the complainant's contact record, when known"
    )
    method: Mapped[str] = mapped_column(String(20))
    contacted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    summary: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = created_now()


class Complainant(CaseRecord, Base):
    """A complainant's contact record: one per non-anonymous report on the case.

    ``id`` is the person's id in every event (``ContactRecord.person_id``). The note and the
    code word are for staff only and never leave casework.
    """

    __tablename__ = "complainants"

    report_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, unique=True, comment="the report through which they came"
    )
    report_reference: Mapped[str] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(Text)
    preferences: Mapped[dict[str, Any]] = mapped_column(
        JSONB, comment="ContactPreferences, as notifications enforces them"
    )
    note: Mapped[str | None] = mapped_column(Text, comment="safe-contact note: staff only")
    code_word: Mapped[str | None] = mapped_column(String(200), comment="staff only")
    version: Mapped[int] = mapped_column(Integer, comment="rises with every change")
    added_at: Mapped[datetime] = created_now()
    updated_at: Mapped[datetime] = created_now()
