"""Risk question sets (versioned) and the assessments made with them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now, organisation, primary_key


class RiskQuestionSet(Base):
    """An organisation's risk assessment matrix, versioned: a new version never edits an old one."""

    __tablename__ = "risk_question_sets"
    __table_args__ = (UniqueConstraint("organisation_id", "version"),)

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
    version: Mapped[int] = mapped_column(Integer)
    definition: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = created_now()


class RiskAssessment(CaseRecord, Base):
    """One assessment of the complainant's risk; the history is kept, the newest applies."""

    __tablename__ = "risk_assessments"

    question_set_version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONB)
    score: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(10))
    assessed_by: Mapped[str] = mapped_column(String(200))
    assessed_at: Mapped[datetime] = created_now()
