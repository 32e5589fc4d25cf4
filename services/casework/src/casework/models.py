"""Casework's own tables: cases and the reports that make them up."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata, uuid7
from sqlalchemy import ARRAY, Boolean, DateTime, ForeignKey, Integer, String, Text, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()


class Case(Base):
    """The unit of work: one designated officer, a lifecycle, standards and an outcome."""

    __tablename__ = "cases"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    reference: Mapped[str] = mapped_column(
        String(32),
        unique=True,
        server_default=text(
            "'CASE-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' "
            "|| lpad(nextval('case_reference_seq')::text, 6, '0')"
        ),
    )
    status: Mapped[str] = mapped_column(String(30), index=True)
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    summary: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    complainant_name: Mapped[str | None] = mapped_column(String(200))
    complainant_email: Mapped[str | None] = mapped_column(String(320))
    complainant_phone: Mapped[str | None] = mapped_column(String(32))
    complainant_preferred_channel: Mapped[str | None] = mapped_column(String(20))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    acknowledged_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="when the complainant's acknowledgement was delivered"
    )
    acknowledgement_failed: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CaseReport(Base):
    """A report (incident) attached to a case; one report belongs to exactly one case."""

    __tablename__ = "case_reports"

    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    report_reference: Mapped[str] = mapped_column(String(32), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
