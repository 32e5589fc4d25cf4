"""Outcomes recorded for clients, and each organisation's estimate of legal costs avoided."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from asb_shared.db import uuid7
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Numeric, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class OutcomeRecord(Base):
    __tablename__ = "outcomes"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(40))
    recorded_on: Mapped[date] = mapped_column(Date, index=True)
    legal_action_avoided: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LegalCostEstimate(Base):
    """What one legal action avoided is reckoned to save (policy: legal spend avoided)."""

    __tablename__ = "legal_cost_estimates"

    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    cost_per_action: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
