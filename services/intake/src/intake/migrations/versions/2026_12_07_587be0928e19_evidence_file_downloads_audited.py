"""every download of a stored evidence file audited, append-only

Revision ID: 587be0928e19
Revises: e54d0b39fe29
Create Date: 2026-12-07 21:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.readaudit import append_only, drop_append_only

revision: str = "587be0928e19"
down_revision: str | None = "e54d0b39fe29"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evidence_reads",
        sa.Column("evidence_id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("resource", sa.String(length=60), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("actor_roles", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_reads")),
    )
    op.create_index(op.f("ix_evidence_reads_actor"), "evidence_reads", ["actor"])
    op.create_index(op.f("ix_evidence_reads_evidence_id"), "evidence_reads", ["evidence_id"])
    op.create_index(
        op.f("ix_evidence_reads_organisation_id"), "evidence_reads", ["organisation_id"]
    )
    for statement in append_only("evidence_reads"):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_append_only("evidence_reads"):
        op.execute(statement)
    op.drop_table("evidence_reads")
