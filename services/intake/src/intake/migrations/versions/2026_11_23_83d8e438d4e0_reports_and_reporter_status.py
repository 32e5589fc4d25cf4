"""reports and reporter status

Revision ID: 83d8e438d4e0
Revises:
Create Date: 2026-11-23 15:26:20.094285
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.messaging.tables import create_messaging_tables, drop_messaging_tables

revision: str = "83d8e438d4e0"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("report_reference_seq")))
    op.create_table(
        "reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "reference",
            sa.String(length=32),
            server_default=sa.text(
                "'ASB-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('report_reference_seq')::text, 6, '0')"
            ),
            nullable=False,
        ),
        sa.Column("tracking_token_hash", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("categories", sa.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("location_address", sa.Text(), nullable=True),
        sa.Column("location_postcode", sa.String(length=10), nullable=True),
        sa.Column("location_uprn", sa.String(length=12), nullable=True),
        sa.Column("location_latitude", sa.Float(), nullable=True),
        sa.Column("location_longitude", sa.Float(), nullable=True),
        sa.Column("location_description", sa.Text(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("reporter_name", sa.String(length=200), nullable=True),
        sa.Column("reporter_email", sa.String(length=320), nullable=True),
        sa.Column("reporter_phone", sa.String(length=32), nullable=True),
        sa.Column("preferred_channel", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("reference", name=op.f("uq_reports_reference")),
    )
    op.create_index(
        op.f("ix_reports_organisation_id"), "reports", ["organisation_id"], unique=False
    )
    op.create_table(
        "report_status",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("case_reference", sa.String(length=32), nullable=True),
        sa.Column("case_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_status_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_status")),
    )
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    op.drop_table("report_status")
    op.drop_index(op.f("ix_reports_organisation_id"), table_name="reports")
    op.drop_table("reports")
    op.execute(sa.schema.DropSequence(sa.Sequence("report_reference_seq")))
