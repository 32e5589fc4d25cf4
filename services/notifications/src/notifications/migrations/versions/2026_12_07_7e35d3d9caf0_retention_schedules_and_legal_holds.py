"""the landlords' retention schedules and the cases under a legal hold, as casework announces them

Revision ID: 7e35d3d9caf0
Revises: ec6a3033a424
Create Date: 2026-12-07 21:00:00.000000
"""

from collections.abc import Sequence

from asb_shared.retention_schedules import create_retention_tables, drop_retention_tables

revision: str = "7e35d3d9caf0"
down_revision: str | None = "ec6a3033a424"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The copies' one definition is asb_shared.retention_schedules (as for the organisations).
    create_retention_tables()


def downgrade() -> None:
    drop_retention_tables()
