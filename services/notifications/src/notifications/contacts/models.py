"""Notifications' projection of casework's contact records and of the cases they belong to."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, String, Uuid, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class ContactRecordRow(Base):
    """A complainant's contact record on one case, as casework last announced it."""

    __tablename__ = "contact_records"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    version: Mapped[int] = mapped_column(Integer)
    record: Mapped[dict[str, Any]] = mapped_column(JSONB, comment="asb_shared ContactRecord")
    wishes_unknown: Mapped[bool] = mapped_column(
        Boolean, comment="came from a version-1 event: treated as most careful"
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class CaseRow(Base):
    """What notifications needs of a case: its reference, route and designated officer."""

    __tablename__ = "cases"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_reference: Mapped[str] = mapped_column(String(40))
    route: Mapped[str | None] = mapped_column(String(40))
    officer_id: Mapped[str | None] = mapped_column(String(200))
    officer_name: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
