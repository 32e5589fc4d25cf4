"""The case, the reports it collects, its complainants' contact records and the contacts with
the people on it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, Uuid, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, CaseRecord, created_now, organisation, primary_key


class Case(Base):
    """The unit of work: one designated officer, a lifecycle, standards and an outcome."""

    __tablename__ = "cases"
    # The columns the database fills in (the reference, the times) come back in the INSERT's
    # RETURNING: a case is read right after it is opened, and a second statement would cost more.
    __mapper_args__ = {"eager_defaults": True}

    id: Mapped[uuid.UUID] = primary_key()
    organisation_id: Mapped[uuid.UUID] = organisation()
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
    tenure: Mapped[str] = mapped_column(
        String(30), server_default=text("'unknown'"), comment="of the home the case is about"
    )
    anonymous: Mapped[bool] = mapped_column(Boolean)
    # The complainants' contact records are casework.contacts' (one per named report).
    # Triage
    priority_route: Mapped[str | None] = mapped_column(String(30))
    may_not_be_asb: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    not_asb_advice: Mapped[str | None] = mapped_column(Text)
    # Risk
    risk_level: Mapped[str] = mapped_column(String(10), server_default=text("'standard'"))
    # The landlord's policy: the version this case runs under, and what it asks to be recorded
    policy_version: Mapped[int] = mapped_column(
        Integer, default=0, server_default=text("0"), comment="0: the built-in defaults"
    )
    protected_characteristics: Mapped[list[str]] = mapped_column(
        ARRAY(String(60)), server_default=text("'{}'"), comment="what a hate incident targeted"
    )
    initial_response: Mapped[str | None] = mapped_column(
        Text, comment="the initial response agreed with the complainant at first contact"
    )
    subject_contact: Mapped[str | None] = mapped_column(
        String(20), comment="agreed, refused or overridden: may the subject be contacted"
    )
    # Assignment
    officer_id: Mapped[str | None] = mapped_column(String(200), index=True)
    officer_name: Mapped[str | None] = mapped_column(String(200))
    contact_frequency_days: Mapped[int | None] = mapped_column(Integer)
    # Closure
    outcome: Mapped[str | None] = mapped_column(String(30))
    closure_reason: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    opened_at: Mapped[datetime] = created_now()
    acknowledged_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="when the complainant's acknowledgement was delivered"
    )
    acknowledgement_failed: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    updated_at: Mapped[datetime] = created_now()
    # Retention (casework.retention): a legal hold keeps everything of the case everywhere
    legal_hold_reason: Mapped[str | None] = mapped_column(
        Text, comment="why the case is held (court proceedings); None: no hold"
    )
    legal_hold_by: Mapped[str | None] = mapped_column(String(200))
    legal_hold_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expired_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True),
        comment="when its retention period ended and what identified anyone was removed",
    )


class CaseReport(Base):
    """A report (incident) attached to a case; one report belongs to exactly one case."""

    __tablename__ = "case_reports"

    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id"), index=True)
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


class Contact(CaseRecord, Base):
    """A contact with someone on the case: who, how, when, and what was said."""

    __tablename__ = "contacts"

    with_whom: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, comment="the complainant's contact record, when known"
    )
    method: Mapped[str] = mapped_column(String(20))
    contacted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    summary: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = created_now()


class Complainant(CaseRecord, Base):
    """A complainant's contact record: one per non-anonymous report on the case.

    ``id`` is the person's id in every event (``ContactRecord.person_id``). The note and the
    code word are for staff only and never leave casework.
    """

    __tablename__ = "complainants"
    __table_args__ = (Index("ix_complainants_person_keys", "person_keys", postgresql_using="gin"),)

    report_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, unique=True, comment="the report through which they came"
    )
    report_reference: Mapped[str] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))
    address: Mapped[str | None] = mapped_column(Text)
    preferences: Mapped[dict[str, Any]] = mapped_column(
        JSONB, comment="ContactPreferences, as notifications enforces them"
    )
    note: Mapped[str | None] = mapped_column(Text, comment="safe-contact note: staff only")
    code_word: Mapped[str | None] = mapped_column(String(200), comment="staff only")
    version: Mapped[int] = mapped_column(Integer, comment="rises with every change")
    person_keys: Mapped[list[str]] = mapped_column(
        ARRAY(String(600)),
        server_default=text("'{}'"),
        comment="what recognises the person across cases (casework.people.matching), kept with "
        "the details so that their other reports are found through an index",
    )
    added_at: Mapped[datetime] = created_now()
    updated_at: Mapped[datetime] = created_now()
