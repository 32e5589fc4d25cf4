"""evidence files queued for removal from storage once their records are gone; the landlords'
retention schedules and the cases under a legal hold, as casework announces them

Revision ID: 873a2c3692b2
Revises: 587be0928e19
Create Date: 2026-12-07 21:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.retention_schedules import create_retention_tables, drop_retention_tables

revision: str = "873a2c3692b2"
down_revision: str | None = "587be0928e19"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evidence_erasures",
        sa.Column("storage_key", sa.String(length=500), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "requested_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("storage_key", name=op.f("pk_evidence_erasures")),
    )
    # The copies' one definition is asb_shared.retention_schedules (as for the organisations).
    create_retention_tables()


def downgrade() -> None:
    drop_retention_tables()
    op.drop_table("evidence_erasures")
