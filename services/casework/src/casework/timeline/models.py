"""The case's timeline: who did what, when and why."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, Uuid, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, created_now, primary_key


class TimelineEntry(Base):
    """One thing that happened on a case: who, when, what and why."""

    __tablename__ = "timeline"
    __table_args__ = (Index("ix_timeline_case_at", "case_id", "at"),)

    id: Mapped[uuid.UUID] = primary_key()
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id"))
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    at: Mapped[datetime] = created_now()
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
