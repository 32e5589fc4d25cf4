"""the organisations registry and its history

Revision ID: e41b7a2c9d53
Revises: c3e9a4d71b20
Create Date: 2026-11-30 01:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.organisations import create_organisation_tables, drop_organisation_tables
from sqlalchemy.dialects import postgresql

revision: str = "e41b7a2c9d53"
down_revision: str | None = "c3e9a4d71b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The current state: the same table every service projects (asb_shared.organisations).
    create_organisation_tables()
    op.create_table(
        "organisation_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "changes",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="field by field: from and to, against the previous version",
        ),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column(
            "changed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_changes")),
        sa.UniqueConstraint(
            "organisation_id", "version", name=op.f("uq_organisation_changes_organisation_id")
        ),
    )
    op.create_index(
        op.f("ix_organisation_changes_organisation_id"),
        "organisation_changes",
        ["organisation_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_organisation_changes_organisation_id"), table_name="organisation_changes"
    )
    op.drop_table("organisation_changes")
    drop_organisation_tables()
