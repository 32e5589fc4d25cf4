"""the audit of sensitive reads: append-only

Revision ID: 7ac435ea6bc7
Revises: 59f21be0c9ce
Create Date: 2026-12-07 20:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.readaudit import append_only, drop_append_only

revision: str = "7ac435ea6bc7"
down_revision: str | None = "59f21be0c9ce"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sensitive_reads",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("case_reference", sa.String(length=40), nullable=False),
        sa.Column("priority_route", sa.String(length=30), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("resource", sa.String(length=60), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("actor_roles", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sensitive_reads")),
    )
    op.create_index(op.f("ix_sensitive_reads_actor"), "sensitive_reads", ["actor"])
    op.create_index(op.f("ix_sensitive_reads_case_id"), "sensitive_reads", ["case_id"])
    op.create_index(
        op.f("ix_sensitive_reads_organisation_id"), "sensitive_reads", ["organisation_id"]
    )
    for statement in append_only("sensitive_reads"):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_append_only("sensitive_reads"):
        op.execute(statement)
    op.drop_table("sensitive_reads")
