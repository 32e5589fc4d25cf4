"""Staff's decisions that two complainant records are the same person."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Index, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, created_now, organisation, primary_key


class PersonMerge(Base):
    """Two complainant records an officer recognised as one person; undone by unmerging."""

    __tablename__ = "person_merges"
    __table_args__ = (
        Index(
            "uq_person_merges_live",
            "organisation_id",
            "record_a",
            "record_b",
            unique=True,
            postgresql_where=text("unmerged_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
    record_a: Mapped[uuid.UUID] = mapped_column(Uuid, comment="the smaller complainant id")
    record_b: Mapped[uuid.UUID] = mapped_column(Uuid)
    reason: Mapped[str] = mapped_column(Text)
    merged_by: Mapped[str] = mapped_column(String(200))
    merged_at: Mapped[datetime] = created_now()
    unmerged_by: Mapped[str | None] = mapped_column(String(200))
    unmerged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
