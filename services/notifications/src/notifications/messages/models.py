"""Every message: what, to whom, why this channel, and where its delivery stands."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from asb_shared.db import uuid7
from sqlalchemy import DateTime, Index, Integer, String, Text, UniqueConstraint, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Status(StrEnum):
    CREATED = "created"
    """Waiting for its due time; the channel is decided when it is sent."""
    DEFERRED = "deferred"
    """Outside the person's safe times: waits for the next safe window."""
    SENDING = "sending"
    """Claimed by a dispatcher (``due_at`` is then the end of its lease), or handed to GOV.UK
    Notify and waiting for its delivery status (``provider_id`` set)."""
    DELIVERED = "delivered"
    FAILED = "failed"
    WITHHELD = "withheld"
    """Not sent to the person: no safe channel; their officer got a task instead."""


class RecipientType(StrEnum):
    PERSON = "person"
    """A complainant, reached by the contact rules."""
    STAFF = "staff"
    """A member of staff (or a team), reached in the app."""
    MAILBOX = "mailbox"
    """An organisation's own address (a partner agency's administrator): email, in English,
    with no contact rules, since it is nobody's personal address."""


TEAM_LEADERS = "team_leaders"
"""The staff recipient standing for every team leader of the organisation."""
PEO_TEAM = "peo_team"
"""The staff recipient standing for the Positive Engagement officers."""


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        # Exactly one message per (source event, recipient, template), however often it arrives.
        UniqueConstraint("source_event_id", "recipient", "kind"),
        Index(
            "ix_messages_due",
            "due_at",
            postgresql_where=text("status IN ('created', 'deferred', 'sending')"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    source_event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(40))
    recipient_type: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(
        String(320), comment="person id, staff id or team, or an organisation's email address"
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    case_reference: Mapped[str | None] = mapped_column(String(40))
    reference: Mapped[str | None] = mapped_column(
        String(40), index=True, comment="the complainant's report reference"
    )
    values: Mapped[dict[str, Any]] = mapped_column(JSONB, comment="the template's fields")
    status: Mapped[str] = mapped_column(String(20), server_default=text("'created'"))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    attempts: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    channel: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[str | None] = mapped_column(String(16))
    template_version: Mapped[int | None] = mapped_column(Integer)
    subject: Mapped[str | None] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, server_default=text("'[]'::jsonb"), comment="each channel decision and its reasons"
    )
    task: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_id: Mapped[str | None] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    traceparent: Mapped[str | None] = mapped_column(
        String(55), comment="the W3C trace it was queued in, which its sending continues"
    )
