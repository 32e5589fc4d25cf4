"""warning markers on the shared cases (shown only under an agreement naming them)

Revision ID: a33cf5df05e3
Revises: df4c44467235
Create Date: 2026-12-07 20:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "a33cf5df05e3"
down_revision: str | None = "df4c44467235"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "shared_cases",
        sa.Column(
            "warning_markers",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "shared_cases",
        sa.Column("warning_markers_as_of", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_column("shared_cases", "warning_markers_as_of")
    op.drop_column("shared_cases", "warning_markers")
