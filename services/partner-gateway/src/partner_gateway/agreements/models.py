"""Information sharing agreements: what a partner may see and do, and for how long."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from asb_shared.db import uuid7
from sqlalchemy import ARRAY, Date, DateTime, ForeignKey, String, Text, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Agreement(Base):
    __tablename__ = "agreements"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    parties: Mapped[list[str]] = mapped_column(ARRAY(String(200)))
    purpose: Mapped[str] = mapped_column(Text)
    lawful_basis: Mapped[list[str]] = mapped_column(ARRAY(String(300)))
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    fields: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    starts_on: Mapped[date] = mapped_column(Date)
    review_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date] = mapped_column(Date)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
