"""MASH and MARAC referrals casework made, as delivered to the partner."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import uuid7
from sqlalchemy import DateTime, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class SafeguardingReferral(Base):
    __tablename__ = "safeguarding_referrals"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    referral_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    """Casework's id of the referral."""
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_reference: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(30))
    person_name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)
    referred_by: Mapped[str] = mapped_column(String(200))
    referred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    partner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("partners.id"), index=True)
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreements.id"))
    status: Mapped[str] = mapped_column(String(20))
    """``delivered``, ``undeliverable``, ``acknowledged``, ``outcome_recorded``."""
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_by: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
