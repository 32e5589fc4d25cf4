"""Action plans agreed with the complainant."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now


class ActionPlan(CaseRecord, Base):
    """An action plan agreed with the complainant: actions, owners, dates, how and how often."""

    __tablename__ = "action_plans"

    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    contact_method: Mapped[str] = mapped_column(String(20))
    contact_frequency_days: Mapped[int] = mapped_column(Integer)
    agreed_with_complainant_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = created_now()
