"""Intake's own tables: the reports as received, and the reporter-facing status projection."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata, uuid7
from sqlalchemy import (
    ARRAY,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    Sequence,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
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
    occurred_until: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="the end, when it happened over a period"
    )
    contact_times: Mapped[str | None] = mapped_column(
        Text, comment="when the reporter can be contacted"
    )
    safe_contact: Mapped[str | None] = mapped_column(
        Text, comment="safe-contact instructions, e.g. never to a shared address or number"
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


class IdempotencyKey(Base):
    """A client's Idempotency-Key and the answer its first request got, replayed for retries."""

    __tablename__ = "idempotency_keys"

    scope: Mapped[str] = mapped_column(String(100), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


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


class ReporterUpdate(Base):
    """An update meant for the reporter (never staff notes), built from case events."""

    __tablename__ = "reporter_updates"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("reports.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    text: Mapped[str] = mapped_column(Text)


class SurveyResponse(Base):
    """Satisfaction with the handling and the outcome (TP12 five-point scale), one per report."""

    __tablename__ = "survey_responses"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("reports.id"), unique=True)
    handling: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[int] = mapped_column(Integer)
    comments: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class CaseReviewApplication(Base):
    """A Community Trigger (ASB case review) application; never anonymous."""

    __tablename__ = "case_review_applications"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_email: Mapped[str | None] = mapped_column(String(320))
    applicant_phone: Mapped[str | None] = mapped_column(String(32))
    on_behalf_of: Mapped[str | None] = mapped_column(String(200))
    consent_given: Mapped[bool | None] = mapped_column(Boolean)
    report_references: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    description: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class InboundMail(Base):
    """Every email the listener received, kept whole; mail it could not turn into a report waits
    here for staff, never dropped."""

    __tablename__ = "inbound_mail"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    mail_from: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(300))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(20), comment="converted, or needs_attention")
    problem: Mapped[str | None] = mapped_column(Text)
    report_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("reports.id"))


class ReportStatus(Base):
    """What a reporter may see of the case behind their report, built from casework events."""

    __tablename__ = "report_status"

    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("reports.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(30))
    case_reference: Mapped[str | None] = mapped_column(String(32), index=True)
    case_version: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
