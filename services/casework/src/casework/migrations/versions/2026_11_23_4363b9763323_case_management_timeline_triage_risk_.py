"""case management: timeline, triage, risk, standards, actions

Revision ID: 4363b9763323
Revises: 44cf99a353ef
Create Date: 2026-11-23 16:06:44.286166
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "4363b9763323"
down_revision: str | None = "44cf99a353ef"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "officers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "subject",
            sa.String(length=200),
            nullable=False,
            comment="the identity provider's subject",
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "patches",
            sa.ARRAY(sa.String(length=40)),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officers")),
        sa.UniqueConstraint("organisation_id", "subject", name=op.f("uq_officers_organisation_id")),
    )
    op.create_index(
        op.f("ix_officers_organisation_id"), "officers", ["organisation_id"], unique=False
    )
    op.create_table(
        "risk_question_sets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("definition", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_question_sets")),
        sa.UniqueConstraint(
            "organisation_id", "version", name=op.f("uq_risk_question_sets_organisation_id")
        ),
    )
    op.create_index(
        op.f("ix_risk_question_sets_organisation_id"),
        "risk_question_sets",
        ["organisation_id"],
        unique=False,
    )
    op.create_table(
        "action_plans",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("actions", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("contact_method", sa.String(length=20), nullable=False),
        sa.Column("contact_frequency_days", sa.Integer(), nullable=False),
        sa.Column("agreed_with_complainant_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_action_plans_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_plans")),
    )
    op.create_index(op.f("ix_action_plans_case_id"), "action_plans", ["case_id"], unique=False)
    op.create_table(
        "contacts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("with_whom", sa.String(length=30), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("contacted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_contacts_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    op.create_index(op.f("ix_contacts_case_id"), "contacts", ["case_id"], unique=False)
    op.create_table(
        "evidence",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("origin", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("location", sa.Text(), nullable=True, comment="where the file is kept"),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column(
            "added_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_evidence_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    op.create_index(op.f("ix_evidence_case_id"), "evidence", ["case_id"], unique=False)
    op.create_table(
        "interventions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("legal", sa.Boolean(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "positive_requirements",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
            comment="a civil injunction's positive requirements",
        ),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_interventions_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interventions")),
    )
    op.create_index(op.f("ix_interventions_case_id"), "interventions", ["case_id"], unique=False)
    op.create_table(
        "referrals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("person_name", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "details",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("referred_by", sa.String(length=200), nullable=False),
        sa.Column(
            "referred_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_referrals_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    op.create_index(op.f("ix_referrals_case_id"), "referrals", ["case_id"], unique=False)
    op.create_table(
        "risk_assessments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("question_set_version", sa.Integer(), nullable=False),
        sa.Column("answers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("assessed_by", sa.String(length=200), nullable=False),
        sa.Column(
            "assessed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_risk_assessments_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_assessments")),
    )
    op.create_index(
        op.f("ix_risk_assessments_case_id"), "risk_assessments", ["case_id"], unique=False
    )
    op.create_table(
        "standards",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column(
            "status", sa.String(length=20), server_default=sa.text("'running'"), nullable=False
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("warn_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("warned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("breached_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("met_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_standards_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standards")),
    )
    op.create_index(op.f("ix_standards_case_id"), "standards", ["case_id"], unique=False)
    op.create_index(
        "uq_standards_one_running",
        "standards",
        ["case_id", "kind"],
        unique=True,
        postgresql_where=sa.text("status = 'running'"),
    )
    op.create_index(
        "ix_standards_running_due",
        "standards",
        ["due_at"],
        unique=False,
        postgresql_where=sa.text("status = 'running'"),
    )
    op.create_index(
        "ix_standards_running_warn",
        "standards",
        ["warn_at"],
        unique=False,
        postgresql_where=sa.text("status = 'running' AND warned_at IS NULL"),
    )
    op.create_table(
        "timeline",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "data",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_timeline_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline")),
    )
    op.create_index("ix_timeline_case_at", "timeline", ["case_id", "at"], unique=False)
    op.add_column("case_reports", sa.Column("address_key", sa.String(length=200), nullable=True))
    op.add_column(
        "case_reports",
        sa.Column(
            "subject_keys",
            sa.ARRAY(sa.String(length=200)),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
    )
    op.add_column(
        "case_reports",
        sa.Column(
            "link_reason",
            sa.Text(),
            nullable=True,
            comment="why this report joined an existing case rather than opening one",
        ),
    )
    op.add_column(
        "case_reports",
        sa.Column(
            "payload",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
            comment="the report as received, to reopen it as a case",
        ),
    )
    op.add_column(
        "cases",
        sa.Column(
            "address_key",
            sa.String(length=200),
            nullable=True,
            comment="UPRN or normalised address, for linking reports",
        ),
    )
    op.add_column(
        "cases",
        sa.Column(
            "subject_keys",
            sa.ARRAY(sa.String(length=200)),
            server_default=sa.text("'{}'"),
            nullable=False,
            comment="normalised subject names",
        ),
    )
    op.add_column(
        "cases",
        sa.Column(
            "patch", sa.String(length=40), nullable=True, comment="the area (patch) it falls in"
        ),
    )
    op.add_column("cases", sa.Column("priority_route", sa.String(length=30), nullable=True))
    op.add_column(
        "cases",
        sa.Column("may_not_be_asb", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )
    op.add_column("cases", sa.Column("not_asb_advice", sa.Text(), nullable=True))
    op.add_column(
        "cases",
        sa.Column(
            "risk_level", sa.String(length=10), server_default=sa.text("'standard'"), nullable=False
        ),
    )
    op.add_column("cases", sa.Column("officer_id", sa.String(length=200), nullable=True))
    op.add_column("cases", sa.Column("officer_name", sa.String(length=200), nullable=True))
    op.add_column("cases", sa.Column("contact_frequency_days", sa.Integer(), nullable=True))
    op.add_column("cases", sa.Column("outcome", sa.String(length=30), nullable=True))
    op.add_column("cases", sa.Column("closure_reason", sa.Text(), nullable=True))
    op.add_column("cases", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_cases_address_key"), "cases", ["address_key"], unique=False)
    op.create_index(op.f("ix_cases_officer_id"), "cases", ["officer_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cases_officer_id"), table_name="cases")
    op.drop_index(op.f("ix_cases_address_key"), table_name="cases")
    op.drop_column("cases", "closed_at")
    op.drop_column("cases", "closure_reason")
    op.drop_column("cases", "outcome")
    op.drop_column("cases", "contact_frequency_days")
    op.drop_column("cases", "officer_name")
    op.drop_column("cases", "officer_id")
    op.drop_column("cases", "risk_level")
    op.drop_column("cases", "not_asb_advice")
    op.drop_column("cases", "may_not_be_asb")
    op.drop_column("cases", "priority_route")
    op.drop_column("cases", "patch")
    op.drop_column("cases", "subject_keys")
    op.drop_column("cases", "address_key")
    op.drop_column("case_reports", "payload")
    op.drop_column("case_reports", "link_reason")
    op.drop_column("case_reports", "subject_keys")
    op.drop_column("case_reports", "address_key")
    op.drop_index("ix_timeline_case_at", table_name="timeline")
    op.drop_table("timeline")
    op.drop_index(
        "ix_standards_running_warn",
        table_name="standards",
        postgresql_where=sa.text("status = 'running' AND warned_at IS NULL"),
    )
    op.drop_index(
        "uq_standards_one_running",
        table_name="standards",
        postgresql_where=sa.text("status = 'running'"),
    )
    op.drop_index(
        "ix_standards_running_due",
        table_name="standards",
        postgresql_where=sa.text("status = 'running'"),
    )
    op.drop_index(op.f("ix_standards_case_id"), table_name="standards")
    op.drop_table("standards")
    op.drop_index(op.f("ix_risk_assessments_case_id"), table_name="risk_assessments")
    op.drop_table("risk_assessments")
    op.drop_index(op.f("ix_referrals_case_id"), table_name="referrals")
    op.drop_table("referrals")
    op.drop_index(op.f("ix_interventions_case_id"), table_name="interventions")
    op.drop_table("interventions")
    op.drop_index(op.f("ix_evidence_case_id"), table_name="evidence")
    op.drop_table("evidence")
    op.drop_index(op.f("ix_contacts_case_id"), table_name="contacts")
    op.drop_table("contacts")
    op.drop_index(op.f("ix_action_plans_case_id"), table_name="action_plans")
    op.drop_table("action_plans")
    op.drop_index(op.f("ix_risk_question_sets_organisation_id"), table_name="risk_question_sets")
    op.drop_table("risk_question_sets")
    op.drop_index(op.f("ix_officers_organisation_id"), table_name="officers")
    op.drop_table("officers")
