"""Casework's own tables: cases, what they are made of, and what was done on them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata, uuid7
from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()


def _id() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid7)


def _org() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, index=True)


def _case_fk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, ForeignKey("cases.id"), index=True)


def _now() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


class Case(Base):
    """The unit of work: one designated officer, a lifecycle, standards and an outcome."""

    __tablename__ = "cases"

    id: Mapped[uuid.UUID] = _id()
    organisation_id: Mapped[uuid.UUID] = _org()
    reference: Mapped[str] = mapped_column(
        String(32),
        unique=True,
        server_default=text(
            "'CASE-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' "
            "|| lpad(nextval('case_reference_seq')::text, 6, '0')"
        ),
    )
    status: Mapped[str] = mapped_column(String(30), index=True)
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    summary: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    address_key: Mapped[str | None] = mapped_column(
        String(200), index=True, comment="UPRN or normalised address, for linking reports"
    )
    subject_keys: Mapped[list[str]] = mapped_column(
        ARRAY(String(200)), server_default=text("'{}'"), comment="normalised subject names"
    )
    patch: Mapped[str | None] = mapped_column(String(40), comment="the area (patch) it falls in")
    anonymous: Mapped[bool] = mapped_column(Boolean)
    complainant_name: Mapped[str | None] = mapped_column(String(200))
    complainant_email: Mapped[str | None] = mapped_column(String(320))
    complainant_phone: Mapped[str | None] = mapped_column(String(32))
    complainant_preferred_channel: Mapped[str | None] = mapped_column(String(20))
    # Triage
    priority_route: Mapped[str | None] = mapped_column(String(30))
    may_not_be_asb: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    not_asb_advice: Mapped[str | None] = mapped_column(Text)
    # Risk
    risk_level: Mapped[str] = mapped_column(String(10), server_default=text("'standard'"))
    # Assignment
    officer_id: Mapped[str | None] = mapped_column(String(200), index=True)
    officer_name: Mapped[str | None] = mapped_column(String(200))
    contact_frequency_days: Mapped[int | None] = mapped_column(Integer)
    # Closure
    outcome: Mapped[str | None] = mapped_column(String(30))
    closure_reason: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    opened_at: Mapped[datetime] = _now()
    acknowledged_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="when the complainant's acknowledgement was delivered"
    )
    acknowledgement_failed: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    updated_at: Mapped[datetime] = _now()


class CaseReport(Base):
    """A report (incident) attached to a case; one report belongs to exactly one case."""

    __tablename__ = "case_reports"

    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    case_id: Mapped[uuid.UUID] = _case_fk()
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    report_reference: Mapped[str] = mapped_column(String(32), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    address_key: Mapped[str | None] = mapped_column(String(200))
    subject_keys: Mapped[list[str]] = mapped_column(ARRAY(String(200)), server_default=text("'{}'"))
    link_reason: Mapped[str | None] = mapped_column(
        Text, comment="why this report joined an existing case rather than opening one"
    )
    payload: Mapped[dict[str, Any]] = mapped_column(
        JSONB,
        server_default=text("'{}'::jsonb"),
        comment="the report as received, to reopen it as a case",
    )


class TimelineEntry(Base):
    """One thing that happened on a case: who, when, what and why."""

    __tablename__ = "timeline"
    __table_args__ = (Index("ix_timeline_case_at", "case_id", "at"),)

    id: Mapped[uuid.UUID] = _id()
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id"))
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    at: Mapped[datetime] = _now()
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))


class Officer(Base):
    """A designated officer: the patches (areas) they cover, and whether they take new cases."""

    __tablename__ = "officers"
    __table_args__ = (UniqueConstraint("organisation_id", "subject"),)

    id: Mapped[uuid.UUID] = _id()
    organisation_id: Mapped[uuid.UUID] = _org()
    subject: Mapped[str] = mapped_column(String(200), comment="the identity provider's subject")
    name: Mapped[str] = mapped_column(String(200))
    patches: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default=text("'{}'"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))


class RiskQuestionSet(Base):
    """An organisation's risk assessment matrix, versioned: a new version never edits an old one."""

    __tablename__ = "risk_question_sets"
    __table_args__ = (UniqueConstraint("organisation_id", "version"),)

    id: Mapped[uuid.UUID] = _id()
    organisation_id: Mapped[uuid.UUID] = _org()
    version: Mapped[int] = mapped_column(Integer)
    definition: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = _now()


class RiskAssessment(Base):
    """One assessment of the complainant's risk; the history is kept, the newest applies."""

    __tablename__ = "risk_assessments"

    id: Mapped[uuid.UUID] = _id()
    case_id: Mapped[uuid.UUID] = _case_fk()
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    question_set_version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONB)
    score: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(10))
    assessed_by: Mapped[str] = mapped_column(String(200))
    assessed_at: Mapped[datetime] = _now()


class Standard(Base):
    """A service-standard timer: due, warned before breach, breached, or met by an action."""

    __tablename__ = "standards"
    __table_args__ = (
        Index(
            "ix_standards_running_warn",
            "warn_at",
            postgresql_where=text("status = 'running' AND warned_at IS NULL"),
        ),
        Index("ix_standards_running_due", "due_at", postgresql_where=text("status = 'running'")),
        # One running timer of each kind per case, whoever starts it.
        Index(
            "uq_standards_one_running",
            "case_id",
            "kind",
            unique=True,
            postgresql_where=text("status = 'running'"),
        ),
    )

    id: Mapped[uuid.UUID] = _id()
    case_id: Mapped[uuid.UUID] = _case_fk()
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), server_default=text("'running'"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    warn_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    warned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    breached_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    met_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Contact(Base):
    """A contact with someone on the case: who, how, when, and what was said."""

    __tablename__ = "contacts"

    id: Mapped[uuid.UUID] = _id()
    case_id: Mapped[uuid.UUID] = _case_fk()
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    with_whom: Mapped[str] = mapped_column(String(30))
    method: Mapped[str] = mapped_column(String(20))
    contacted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    summary: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = _now()


class ActionPlan(Base):
    """An action plan agreed with the complainant: actions, owners, dates, how and how often."""

    __tablename__ = "action_plans"

    id: Mapped[uuid.UUID] = _id()
    case_id: Mapped[uuid.UUID] = _case_fk()
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    contact_method: Mapped[str] = mapped_column(String(20))
    contact_frequency_days: Mapped[int] = mapped_column(Integer)
    agreed_with_complainant_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = _now()


class Intervention(Base):
    """An intervention from the catalogue: dated, owned, with an outcome; legal ones flagged."""

    __tablename__ = "interventions"

    id: Mapped[uuid.UUID] = _id()
    case_id: Mapped[uuid.UUID] = _case_fk()
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(50))
    legal: Mapped[bool] = mapped_column(Boolean)
    on_date: Mapped[date] = mapped_column(Date)
    owner: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    positive_requirements: Mapped[list[str]] = mapped_column(
        JSONB,
        server_default=text("'[]'::jsonb"),
        comment="a civil injunction's positive requirements",
    )
    outcome: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = _now()


class Evidence(Base):
    """An item in the evidence register: where it came from, who added it, when, its hash."""

    __tablename__ = "evidence"

    id: Mapped[uuid.UUID] = _id()
    case_id: Mapped[uuid.UUID] = _case_fk()
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(30))
    origin: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    location: Mapped[str | None] = mapped_column(Text, comment="where the file is kept")
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = _now()


class Referral(Base):
    """A referral out of casework: Positive Engagement, safeguarding (MASH) or MARAC."""

    __tablename__ = "referrals"

    id: Mapped[uuid.UUID] = _id()
    case_id: Mapped[uuid.UUID] = _case_fk()
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(String(20))
    person_name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    referred_by: Mapped[str] = mapped_column(String(200))
    referred_at: Mapped[datetime] = _now()
