"""a sensitive read of a stored evidence file names the file

Revision ID: 3b9e41d7c2a6
Revises: 0707c475073c
Create Date: 2026-12-07 21:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3b9e41d7c2a6"
down_revision: str | None = "0707c475073c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Adding a column changes no entry: the log stays append-only.
    op.add_column("sensitive_reads", sa.Column("evidence_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    op.drop_column("sensitive_reads", "evidence_id")
