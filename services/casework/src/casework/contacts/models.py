"""Contacts with the people on a case, and each complainant's contact record."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, Text, Uuid, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now
from ..people.matching import record_keys


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
    __table_args__ = (Index("ix_complainants_person_keys", "person_keys", postgresql_using="gin"),)

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
    person_keys: Mapped[list[str]] = mapped_column(
        ARRAY(String(600)),
        server_default=text("'{}'"),
        comment="what recognises the person across cases (casework.people.matching), kept with "
        "the details so that their other reports are found through an index",
    )
    added_at: Mapped[datetime] = created_now()
    updated_at: Mapped[datetime] = created_now()

    def recognise(self) -> None:
        """Sets the keys from the details; called whenever the details are written."""
        self.person_keys = record_keys(self.name, self.email, self.phone, self.address)
