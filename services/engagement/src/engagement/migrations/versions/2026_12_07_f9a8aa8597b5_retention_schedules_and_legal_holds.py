"""the landlords' retention schedules and the cases under a legal hold; pseudonymised clients

Revision ID: f9a8aa8597b5
Revises: 5d0c8e2a7b14
Create Date: 2026-12-07 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.retention_schedules import create_retention_tables, drop_retention_tables

revision: str = "f9a8aa8597b5"
down_revision: str | None = "5d0c8e2a7b14"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The copies' one definition is asb_shared.retention_schedules (as for the organisations).
    create_retention_tables()
    op.add_column(
        "clients",
        sa.Column(
            "pseudonymised_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="when the retention schedule ended the record: names and free text removed",
        ),
    )


def downgrade() -> None:
    op.drop_column("clients", "pseudonymised_at")
    drop_retention_tables()
