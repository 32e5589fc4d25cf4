"""Community Trigger eligibility met on a case, and ASB case review applications."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now, organisation


class TriggerEligibility(CaseRecord, Base):
    """A complainant's reports met a threshold: the case is flagged, they are told once."""

    __tablename__ = "trigger_eligibility"
    __table_args__ = (
        Index("ix_trigger_eligibility_keys", "person_keys", postgresql_using="gin"),
        Index("ix_trigger_eligibility_org_rule", "organisation_id", "rule"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, comment="the complainant record told")
    person_keys: Mapped[list[str]] = mapped_column(
        ARRAY(String(400)), comment="every key of the person when met: told once per rule"
    )
    rule: Mapped[str] = mapped_column(String(30))
    problem: Mapped[str] = mapped_column(String(200))
    counted: Mapped[int] = mapped_column(Integer)
    met_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CaseReview(Base):
    """An ASB case review (Community Trigger) application and how it went."""

    __tablename__ = "case_reviews"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, comment="intake's id")
    organisation_id: Mapped[uuid.UUID] = organisation()
    case_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("cases.id"), index=True, comment="the case its timers run on"
    )
    case_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid))
    applicant_name: Mapped[str | None] = mapped_column(String(200))
    applicant_email: Mapped[str | None] = mapped_column(String(320))
    applicant_phone: Mapped[str | None] = mapped_column(String(32))
    on_behalf_of: Mapped[str | None] = mapped_column(Text)
    consent_given: Mapped[bool | None] = mapped_column(Boolean)
    report_references: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    description: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20))
    eligible: Mapped[bool] = mapped_column(Boolean)
    eligibility: Mapped[dict[str, Any]] = mapped_column(
        JSONB, comment="the thresholds checked on receipt and what was counted"
    )
    decision: Mapped[str | None] = mapped_column(String(20), comment="accepted or refused")
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    meeting_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    meeting_attendees: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list)
    meeting_notes: Mapped[str | None] = mapped_column(Text)
    recommendations: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    outcome: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    applicant_preferences: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB, comment="asb_shared ContactPreferences: how the applicant may be told"
    )
    appealed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    appeal_grounds: Mapped[str | None] = mapped_column(Text)
    appeal_decision: Mapped[str | None] = mapped_column(String(20), comment="upheld or not_upheld")
    appeal_reason: Mapped[str | None] = mapped_column(Text)
    appeal_decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    appeal_decided_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = created_now()
