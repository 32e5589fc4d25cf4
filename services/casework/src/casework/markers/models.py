"""Warning markers."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, String, Text, Uuid, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, created_now, organisation, primary_key


class WarningMarker(Base):
    """A warning on a person or an address, found by the same keys reports are linked by
    (``Case.address_key``, ``Case.subject_keys``), so it shows on every case about them."""

    __tablename__ = "warning_markers"
    __table_args__ = (
        Index(
            "ix_warning_markers_live",
            "organisation_id",
            "key",
            postgresql_where=text("removed_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
    about: Mapped[str] = mapped_column(String(10), comment="address or person")
    key: Mapped[str] = mapped_column(String(300), comment="the address or subject key")
    label: Mapped[str] = mapped_column(String(200), comment="what to take care about, shown")
    reason: Mapped[str] = mapped_column(Text, comment="shown only to the roles named")
    reason_visible_to: Mapped[list[str]] = mapped_column(ARRAY(String(20)))
    review_on: Mapped[date] = mapped_column(Date)
    raised_on_case: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = created_now()
    removed_by: Mapped[str | None] = mapped_column(String(200))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    removal_reason: Mapped[str | None] = mapped_column(Text)
