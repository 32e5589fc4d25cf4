"""A report as received: one account of ASB, from one channel, in the reporter's own words; what
the reporter adds to it later (follow-ups, evidence files) and the status they may see of it.

These tables are the report's own, below the features that write or read them (evidence,
reporter, retention, subject access, Open311)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from asb_shared.db import uuid7
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
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base

report_reference_seq = Sequence("report_reference_seq")


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
    reporter_address: Mapped[str | None] = mapped_column(
        Text, comment="postal address, for letters"
    )
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    contact_preferences: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB(none_as_null=True),
        comment="the reporter's contact wishes as data (safe and unsafe channels, hours...)",
    )
    reporter_code_word: Mapped[str | None] = mapped_column(
        String(100), comment="agreed code word: for the officer only"
    )
    occurred_until: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="the end, when it happened over a period"
    )
    contact_times: Mapped[str | None] = mapped_column(
        Text, comment="when the reporter can be contacted"
    )
    safe_contact: Mapped[str | None] = mapped_column(
        Text, comment="the officer-only note: safe-contact instructions in the reporter's words"
    )
    people: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, server_default=text("'[]'::jsonb"), comment="complainants, witnesses and subjects"
    )
    risk_answers: Mapped[dict[str, str]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    received_by: Mapped[str | None] = mapped_column(
        String(200), comment="the member of staff who keyed a phone, letter or in-person report"
    )
    source_reference: Mapped[str | None] = mapped_column(
        String(300), comment="the channel's own id: an email Message-ID, a chat session"
    )


class Followup(Base):
    """Something a reporter added to their report later: a new incident (diary entry) or evidence."""

    __tablename__ = "followups"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("reports.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    occurred_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class ReportStatus(Base):
    """What a reporter may see of the case behind their report, built from casework events."""

    __tablename__ = "report_status"

    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("reports.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(30))
    case_reference: Mapped[str | None] = mapped_column(String(32), index=True)
    case_version: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    officer_name: Mapped[str | None] = mapped_column(
        String(200),
        comment="the officer responsible, as the reporter is told (from casework.case.assigned)",
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class EvidenceFile(Base):
    """A file a reporter sent (photo, audio, video), hashed at receipt for its integrity in court."""

    __tablename__ = "evidence_files"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("reports.id"), index=True)
    followup_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("followups.id"))
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(100), comment="as detected from the content")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
