"""cases and their reports

Revision ID: 44cf99a353ef
Revises:
Create Date: 2026-11-23 15:26:57.929926
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.messaging.tables import create_messaging_tables, drop_messaging_tables

revision: str = "44cf99a353ef"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("case_reference_seq")))
    op.create_table(
        "cases",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "reference",
            sa.String(length=32),
            server_default=sa.text(
                "'CASE-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('case_reference_seq')::text, 6, '0')"
            ),
            nullable=False,
        ),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("categories", sa.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("complainant_name", sa.String(length=200), nullable=True),
        sa.Column("complainant_email", sa.String(length=320), nullable=True),
        sa.Column("complainant_phone", sa.String(length=32), nullable=True),
        sa.Column("complainant_preferred_channel", sa.String(length=20), nullable=True),
        sa.Column(
            "opened_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column(
            "acknowledged_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="when the complainant's acknowledgement was delivered",
        ),
        sa.Column(
            "acknowledgement_failed", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("reference", name=op.f("uq_cases_reference")),
    )
    op.create_index(op.f("ix_cases_organisation_id"), "cases", ["organisation_id"], unique=False)
    op.create_index(op.f("ix_cases_status"), "cases", ["status"], unique=False)
    op.create_table(
        "case_reports",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("report_reference", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_reports_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_case_reports")),
        sa.UniqueConstraint("report_reference", name=op.f("uq_case_reports_report_reference")),
    )
    op.create_index(op.f("ix_case_reports_case_id"), "case_reports", ["case_id"], unique=False)
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    op.drop_index(op.f("ix_case_reports_case_id"), table_name="case_reports")
    op.drop_table("case_reports")
    op.drop_index(op.f("ix_cases_status"), table_name="cases")
    op.drop_index(op.f("ix_cases_organisation_id"), table_name="cases")
    op.drop_table("cases")
    op.execute(sa.schema.DropSequence(sa.Sequence("case_reference_seq")))
