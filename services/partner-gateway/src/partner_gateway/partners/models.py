"""Partner organisations a landlord works with."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from asb_shared.db import uuid7
from sqlalchemy import DateTime, Integer, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class PartnerKind(StrEnum):
    POLICE = "police"
    COUNCIL_ASB = "council_asb"
    ENVIRONMENTAL_HEALTH = "environmental_health"
    PROBATION = "probation"
    YOUTH_OFFENDING = "youth_offending"
    MASH = "mash"
    """Multi-Agency Safeguarding Hub: receives the landlord's safeguarding referrals."""
    MARAC = "marac"
    """Multi-Agency Risk Assessment Conference: receives high-risk domestic abuse referrals."""
    VICTIM_SERVICE = "victim_service"
    """Victim Support or a local victim service: receives the landlord's victim referrals."""
    MENTAL_HEALTH = "mental_health"
    DRUG_SERVICE = "drug_service"
    OTHER = "other"


class Partner(Base):
    """An agency the landlord (``organisation_id``) shares cases with. A police force that
    works with two landlords is two partners: each landlord's data stays its own."""

    __tablename__ = "partners"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    admin_email: Mapped[str] = mapped_column(String(320))
    """The partner's administrator: told when a webhook endpoint is paused."""
    rate_limit_per_minute: Mapped[int] = mapped_column(Integer, default=120)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    deactivated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
