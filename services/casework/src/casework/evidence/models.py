"""The evidence register."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now


class Evidence(CaseRecord, Base):
    """An item in the evidence register: where it came from, who added it, when, its hash."""

    __tablename__ = "evidence"

    kind: Mapped[str] = mapped_column(String(30))
    origin: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    location: Mapped[str | None] = mapped_column(Text, comment="where the file is kept")
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = created_now()
    content_type: Mapped[str | None] = mapped_column(
        String(100), comment="of a file kept, as checked from its content"
    )
    size: Mapped[int | None] = mapped_column(BigInteger)
    kept_here: Mapped[bool] = mapped_column(
        Boolean,
        server_default=text("false"),
        comment="the file is in casework's evidence store (else registered by metadata, or intake's)",
    )
