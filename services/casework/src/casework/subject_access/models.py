"""Subject access requests and what every service contributed to them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ARRAY,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, created_now, organisation, primary_key


class SubjectAccessRequest(Base):
    """A person's request for their data: who they are, when it came, when it is due, which
    services have answered, and its release."""

    __tablename__ = "subject_access_requests"

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
    name: Mapped[str | None] = mapped_column(String(200))
    emails: Mapped[list[str]] = mapped_column(ARRAY(String(320)), server_default=text("'{}'"))
    phones: Mapped[list[str]] = mapped_column(ARRAY(String(32)), server_default=text("'{}'"))
    postcode: Mapped[str | None] = mapped_column(String(10))
    person_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid), server_default=text("'{}'"))
    case_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid), server_default=text("'{}'"))
    report_references: Mapped[list[str]] = mapped_column(
        ARRAY(String(32)), server_default=text("'{}'")
    )
    received_on: Mapped[date] = mapped_column(Date)
    extension_months: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    due_on: Mapped[date] = mapped_column(Date, comment="casework.subject_access.deadline")
    contributed: Mapped[list[str]] = mapped_column(
        ARRAY(String(40)), server_default=text("'{}'"), comment="the services that answered"
    )
    requested_by: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = created_now()
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    released_by: Mapped[str | None] = mapped_column(String(200))
    release_note: Mapped[str | None] = mapped_column(Text)


class SubjectAccessEntry(Base):
    """One thing a service holds about the person; ``others`` are the fields naming someone
    else, to review; ``redacted`` are those the officer withheld."""

    __tablename__ = "subject_access_items"

    id: Mapped[uuid.UUID] = primary_key()
    request_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("subject_access_requests.id"), index=True
    )
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    source: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str | None] = mapped_column(String(100))
    at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    others: Mapped[list[str]] = mapped_column(ARRAY(String(60)), server_default=text("'{}'"))
    reviewed: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    redacted: Mapped[list[str]] = mapped_column(ARRAY(String(60)), server_default=text("'{}'"))
