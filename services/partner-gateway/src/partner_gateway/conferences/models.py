"""Multi-agency case conferences, the partners invited and the actions agreed."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from asb_shared.db import uuid7
from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint, Uuid, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Conference(Base):
    __tablename__ = "conferences"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shared_cases.case_id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    scheduled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    location: Mapped[str] = mapped_column(String(300))
    agenda: Mapped[list[str]] = mapped_column(JSONB, default=list)
    scheduled_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ConferenceInvitation(Base):
    __tablename__ = "conference_invitations"
    __table_args__ = (UniqueConstraint("conference_id", "partner_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    conference_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("conferences.id"), index=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"), index=True)
    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agreements.id"))
    invited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ConferenceAction(Base):
    """An action agreed at a conference, owned by one agency (a partner, or the landlord when
    ``owner_partner_id`` is empty), with a due date."""

    __tablename__ = "conference_actions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    conference_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("conferences.id"), index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_partner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("partners.id"))
    owner_name: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    updates: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
