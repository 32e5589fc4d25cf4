"""The practical support budget per organisation and financial year, and the spends against it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from asb_shared.db import uuid7
from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base

Money = Numeric(12, 2)


class Budget(Base):
    """A financial year's budget. ``committed`` is kept under the row's lock by every approved
    spend; the database itself refuses a ``committed`` above the total (the last line of
    defence against overspending)."""

    __tablename__ = "budgets"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year"),
        CheckConstraint("committed <= total", name="not_overspent"),
        CheckConstraint("committed >= 0", name="committed_not_negative"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    year: Mapped[int] = mapped_column(Integer)
    total: Mapped[Decimal] = mapped_column(Money)
    committed: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    approval_threshold: Mapped[Decimal] = mapped_column(Money)
    allocations: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    """category -> amount (as a string of pounds and pence)."""
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Spend(Base):
    __tablename__ = "spends"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    budget_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("budgets.id"), index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Decimal] = mapped_column(Money)
    supplier: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    spent_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    requested_by: Mapped[str] = mapped_column(String(200))
    approved_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
