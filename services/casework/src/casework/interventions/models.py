"""Interventions recorded on cases."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now


class Intervention(CaseRecord, Base):
    """An intervention from the catalogue: dated, owned, with an outcome; legal ones flagged."""

    __tablename__ = "interventions"

    kind: Mapped[str] = mapped_column(String(50))
    legal: Mapped[bool] = mapped_column(Boolean)
    on_date: Mapped[date] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    positive_requirements: Mapped[list[str]] = mapped_column(
        JSONB,
        server_default=text("'[]'::jsonb"),
        comment="a civil injunction's positive requirements",
    )
    outcome: Mapped[str | None] = mapped_column(Text)
    mediation_result: Mapped[str | None] = mapped_column(
        String(30), comment="how a mediation ended (MediationResult), for the counts"
    )
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = created_now()
