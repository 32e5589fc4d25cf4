"""Referrals out of casework."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now


class Referral(CaseRecord, Base):
    """A referral out of casework: Positive Engagement, safeguarding (MASH) or MARAC."""

    __tablename__ = "referrals"

    kind: Mapped[str] = mapped_column(String(20))
    person_name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    referred_by: Mapped[str] = mapped_column(String(200))
    referred_at: Mapped[datetime] = created_now()
