"""The partner gateway's own tables: its projection of cases that may be shared."""

from __future__ import annotations

import uuid
from datetime import datetime

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata
from sqlalchemy import ARRAY, DateTime, Integer, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()


class SharedCase(Base):
    """What the gateway knows of a case, built from casework's events; partners see a
    redaction of this, as their information sharing agreement allows."""

    __tablename__ = "shared_cases"

    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    case_reference: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(30))
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    version: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
