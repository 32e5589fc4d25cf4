"""Engagement's own tables: referrals to the Positive Engagement Service."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata
from sqlalchemy import DateTime, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()


class Referral(Base):
    """A request that a Positive Engagement Officer supports a case's subject."""

    __tablename__ = "referrals"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_reference: Mapped[str] = mapped_column(String(32))
    subject_name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30))
    received_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
