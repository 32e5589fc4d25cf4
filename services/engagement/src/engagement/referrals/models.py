"""Referrals to the Positive Engagement Service: from a case, from a partner, or keyed by a PEO."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, String, Text, Uuid, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Referral(Base):
    """A request that a Positive Engagement Officer supports someone, and its decision."""

    __tablename__ = "referrals"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    source: Mapped[str] = mapped_column(String(20), server_default="case")
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    case_reference: Mapped[str | None] = mapped_column(String(32))
    partner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    partner_name: Mapped[str | None] = mapped_column(String(200))
    subject_name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    criteria: Mapped[list[str]] = mapped_column(JSONB, server_default="[]")
    unrecognised_criteria: Mapped[list[str]] = mapped_column(JSONB, server_default="[]")
    contact_notes: Mapped[str | None] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30))
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    decision_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decline_reason: Mapped[str | None] = mapped_column(String(40))
    decision_note: Mapped[str | None] = mapped_column(Text)
    within_standard: Mapped[bool | None] = mapped_column(Boolean)
    client_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    """The client the referral made or joined, once accepted."""
