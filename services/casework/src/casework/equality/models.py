"""Equality monitoring answers, held apart from the case: no name, no contact details, nothing
but the answers and the link to whose case they belong to, for aggregates only."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, organisation, primary_key


class EqualityRecord(Base):
    """One person's answers: a complainant's (by the report they made) or a subject's (by the
    case, recorded by an officer). Never shown one by one: only the fair-handling report reads
    them, in aggregates."""

    __tablename__ = "equality_answers"
    __table_args__ = (CheckConstraint("role IN ('complainant', 'subject')", name="role"),)

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
    role: Mapped[str] = mapped_column(String(20))
    report_reference: Mapped[str | None] = mapped_column(String(32), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    given_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    age_band: Mapped[str | None] = mapped_column(String(40))
    disability: Mapped[str | None] = mapped_column(String(40))
    ethnicity: Mapped[str | None] = mapped_column(String(40))
    religion: Mapped[str | None] = mapped_column(String(40))
    sex: Mapped[str | None] = mapped_column(String(40))
    gender_identity_same_as_at_birth: Mapped[str | None] = mapped_column(String(40))
    sexual_orientation: Mapped[str | None] = mapped_column(String(40))
    pregnancy_or_maternity: Mapped[str | None] = mapped_column(String(40))
    marriage_or_civil_partnership: Mapped[str | None] = mapped_column(String(40))
