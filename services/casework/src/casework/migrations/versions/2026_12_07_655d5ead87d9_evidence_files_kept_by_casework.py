"""evidence files kept by casework: their checked type and size

Revision ID: 655d5ead87d9
Revises: 6f39853c493f
Create Date: 2026-12-07 20:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "655d5ead87d9"
down_revision: str | None = "6f39853c493f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "evidence",
        sa.Column(
            "content_type",
            sa.String(length=100),
            nullable=True,
            comment="of a file kept, as checked from its content",
        ),
    )
    op.add_column("evidence", sa.Column("size", sa.BigInteger(), nullable=True))
    op.add_column(
        "evidence",
        sa.Column(
            "kept_here",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
            comment="the file is in casework's evidence store (else registered by metadata, "
            "or intake's)",
        ),
    )


def downgrade() -> None:
    for column in ("kept_here", "size", "content_type"):
        op.drop_column("evidence", column)
