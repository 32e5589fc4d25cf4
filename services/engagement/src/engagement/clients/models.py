"""Clients of the Positive Engagement Service, the cases they are the subject of, their consent
and every change in their engagement (dated)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from asb_shared.db import uuid7
from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class Client(Base):
    """Someone the service supports (a referred perpetrator who was accepted)."""

    __tablename__ = "clients"
    __table_args__ = (UniqueConstraint("organisation_id", "reference"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    reference: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    normalised_name: Mapped[str] = mapped_column(String(200), index=True)
    peo_id: Mapped[str] = mapped_column(String(200))
    peo_name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(30))
    contact_level: Mapped[str | None] = mapped_column(String(200))
    contact_every_days: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    engaged_on: Mapped[date | None] = mapped_column(Date)
    """When they first consented: the start of their support."""
    closed_on: Mapped[date | None] = mapped_column(Date)
    pseudonymised_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True),
        comment="when the retention schedule ended the record: names and free text removed",
    )


class ClientCase(Base):
    """A case whose subject the client is (a client may be referred from several cases)."""

    __tablename__ = "client_cases"

    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, index=True)
    case_reference: Mapped[str | None] = mapped_column(String(32))


class Consent(Base):
    """Consent given or withdrawn: by whom, when, how, and who recorded it."""

    __tablename__ = "consents"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    given: Mapped[bool]
    given_by: Mapped[str] = mapped_column(String(200))
    """The client, or who consented for them (an appointee, an advocate)."""
    method: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EngagementChange(Base):
    """One dated change in a client's engagement (the history the PEO and the report read)."""

    __tablename__ = "engagement_changes"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    client_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clients.id"), index=True)
    change: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(30))
    effective_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReferenceCounter(Base):
    """The last client reference number given, per organisation and year (ENG-2026-000001)."""

    __tablename__ = "reference_counters"

    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)
