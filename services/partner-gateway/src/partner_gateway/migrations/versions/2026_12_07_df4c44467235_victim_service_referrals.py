"""victim-service referrals: a referral's kind holds victim_service

Revision ID: df4c44467235
Revises: 8e4a6d2c5b19
Create Date: 2026-12-07 20:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "df4c44467235"
down_revision: str | None = "8e4a6d2c5b19"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.alter_column(
        "safeguarding_referrals",
        "kind",
        existing_type=sa.String(length=10),
        type_=sa.String(length=30),
        existing_nullable=False,
    )


def downgrade() -> None:
    op.alter_column(
        "safeguarding_referrals",
        "kind",
        existing_type=sa.String(length=30),
        type_=sa.String(length=10),
        existing_nullable=False,
    )
