"""Engagement's projection of each landlord's policy (casework owns the policy)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class LandlordPolicy(Base):
    """The latest version of a landlord's policy engagement has seen."""

    __tablename__ = "landlord_policies"

    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    calendar: Mapped[dict[str, Any]] = mapped_column(JSONB, comment="asb_shared PolicyCalendar")
    engagement: Mapped[dict[str, Any]] = mapped_column(JSONB, comment="asb_shared EngagementPolicy")
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
