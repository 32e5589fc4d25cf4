"""The gateway's projection of casework's cases, and which cases are shared with whom."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from asb_shared.db import uuid7
from sqlalchemy import (
    ARRAY,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class CaseProjection(Base):
    """What the gateway knows of a case, built from casework's events; partners only ever see
    a redaction of it (``sharing.redaction``), for cases shared with them.

    Never holds the complainant's free-text safe-contact note or code word."""

    __tablename__ = "shared_cases"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_reference: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(30))
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    version: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    route: Mapped[str | None] = mapped_column(String(30))
    officer_name: Mapped[str | None] = mapped_column(String(200))
    report_references: Mapped[list[str]] = mapped_column(
        ARRAY(String(32)), default=list, server_default=text("'{}'")
    )
    outcome: Mapped[str | None] = mapped_column(String(40))
    closure_reason: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    complainants: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    """Contact records by person: name, email, phone, address, only_through_officer, version."""
    safeguarding_referrals: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    engagement_referrals: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    warning_markers: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    """The markers on the case's address and subjects as casework last said (no reasons)."""
    warning_markers_as_of: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CaseShare(Base):
    """An officer shared a case with a partner under an agreement (until ``stopped_at``)."""

    __tablename__ = "case_shares"
    __table_args__ = (Index("ix_case_shares_case_partner", "case_id", "partner_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shared_cases.case_id"))
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"), index=True)
    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    shared_by: Mapped[str] = mapped_column(String(200))
    shared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stopped_by: Mapped[str | None] = mapped_column(String(200))
    stop_reason: Mapped[str | None] = mapped_column(Text)
