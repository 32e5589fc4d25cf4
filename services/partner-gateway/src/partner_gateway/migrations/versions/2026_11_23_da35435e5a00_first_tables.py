"""first tables

Revision ID: da35435e5a00
Revises:
Create Date: 2026-11-23 15:28:10.596575
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.messaging.tables import create_messaging_tables, drop_messaging_tables

revision: str = "da35435e5a00"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "shared_cases",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("case_reference", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("categories", sa.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_shared_cases")),
    )
    op.create_index(
        op.f("ix_shared_cases_organisation_id"), "shared_cases", ["organisation_id"], unique=False
    )
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    op.drop_index(op.f("ix_shared_cases_organisation_id"), table_name="shared_cases")
    op.drop_table("shared_cases")
