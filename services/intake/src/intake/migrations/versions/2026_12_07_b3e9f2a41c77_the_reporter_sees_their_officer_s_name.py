"""the reporter sees their officer's name

Revision ID: b3e9f2a41c77
Revises: 3b1f0c9d2e47
Create Date: 2026-12-07 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b3e9f2a41c77"
down_revision: str | None = "3b1f0c9d2e47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "report_status",
        sa.Column(
            "officer_name",
            sa.String(length=200),
            nullable=True,
            comment="the officer responsible, as the reporter is told (from casework.case.assigned)",
        ),
    )


def downgrade() -> None:
    op.drop_column("report_status", "officer_name")
