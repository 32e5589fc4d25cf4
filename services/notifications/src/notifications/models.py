"""Notifications' own tables: every message and its delivery status."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata, uuid7
from sqlalchemy import DateTime, Index, Integer, String, Text, Uuid, func, text
from sqlalchemy.orm import Mapped, mapped_column


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()


class MessageStatus:
    QUEUED = "queued"
    DELIVERED = "delivered"
    FAILED = "failed"


class Message(Base):
    """One message to one person through one channel, with its delivery status."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_due", "next_attempt_at", postgresql_where=text("status = 'queued'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    source_event_id: Mapped[uuid.UUID] = mapped_column(Uuid, comment="the event that asked for it")
    template: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    reference: Mapped[str | None] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(20), server_default=text("'queued'"))
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_id: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    next_attempt_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
