"""staff sessions

Revision ID: d084919cbff8
Revises: 7a1c0e5b9d21
Create Date: 2026-12-07 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "d084919cbff8"
down_revision: str | None = "7a1c0e5b9d21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.String(length=64), nullable=False, comment="HMAC of the cookie's value"),
        sa.Column("subject", sa.String(length=200), nullable=True),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "tokens", sa.LargeBinary(), nullable=True, comment="the provider's tokens, encrypted"
        ),
        sa.Column("access_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "expires_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="the idle end, never past the absolute one",
        ),
        sa.Column("absolute_expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sessions")),
    )
    op.create_index(
        op.f("ix_staff_sessions_expires_at"), "staff_sessions", ["expires_at"], unique=False
    )
    op.create_index(op.f("ix_staff_sessions_subject"), "staff_sessions", ["subject"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_staff_sessions_subject"), table_name="staff_sessions")
    op.drop_index(op.f("ix_staff_sessions_expires_at"), table_name="staff_sessions")
    op.drop_table("staff_sessions")
