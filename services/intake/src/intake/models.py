"""Intake's own tables: the reports as received, and the reporter-facing status projection."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata, uuid7
from sqlalchemy import (
    ARRAY,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Sequence,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

report_reference_seq = Sequence("report_reference_seq")


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()


class Report(Base):
    """One account of ASB, from one channel, exactly as the reporter gave it."""

    __tablename__ = "reports"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    reference: Mapped[str] = mapped_column(
        String(32),
        unique=True,
        server_default=text(
            "'ASB-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' "
            "|| lpad(nextval('report_reference_seq')::text, 6, '0')"
        ),
    )
    tracking_token_hash: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(20))
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    description: Mapped[str] = mapped_column(Text)
    location_address: Mapped[str | None] = mapped_column(Text)
    location_postcode: Mapped[str | None] = mapped_column(String(10))
    location_uprn: Mapped[str | None] = mapped_column(String(12))
    location_latitude: Mapped[float | None] = mapped_column(Float)
    location_longitude: Mapped[float | None] = mapped_column(Float)
    location_description: Mapped[str | None] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    anonymous: Mapped[bool] = mapped_column(Boolean)
    reporter_name: Mapped[str | None] = mapped_column(String(200))
    reporter_email: Mapped[str | None] = mapped_column(String(320))
    reporter_phone: Mapped[str | None] = mapped_column(String(32))
    preferred_channel: Mapped[str | None] = mapped_column(String(20))


class ReportStatus(Base):
    """What a reporter may see of the case behind their report, built from casework events."""

    __tablename__ = "report_status"

    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("reports.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(30))
    case_reference: Mapped[str | None] = mapped_column(String(32), index=True)
    case_version: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
