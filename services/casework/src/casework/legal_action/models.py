"""Legal actions proposed on a case."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now


class LegalAction(CaseRecord, Base):
    """A legal action: the options tried, the team leader's decision, then proceedings."""

    __tablename__ = "legal_actions"

    action: Mapped[str] = mapped_column(String(40), comment="a legal intervention's kind")
    options_tried: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, comment="each option short of legal action and what came of it"
    )
    reason: Mapped[str] = mapped_column(Text)
    stage: Mapped[str] = mapped_column(String(30))
    proposed_by: Mapped[str] = mapped_column(String(200))
    proposed_by_subject: Mapped[str] = mapped_column(String(200))
    proposed_at: Mapped[datetime] = created_now()
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    proceedings_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    proceedings_note: Mapped[str | None] = mapped_column(Text)
