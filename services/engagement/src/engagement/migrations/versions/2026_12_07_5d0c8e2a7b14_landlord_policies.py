"""the landlords' policies as casework announces them: calendar and the service's settings

Revision ID: 5d0c8e2a7b14
Revises: 3a1c0e7b5d21
Create Date: 2026-12-07 20:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5d0c8e2a7b14"
down_revision: str | None = "3a1c0e7b5d21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "landlord_policies",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "calendar",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="asb_shared PolicyCalendar",
        ),
        sa.Column(
            "engagement",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="asb_shared EngagementPolicy",
        ),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("organisation_id", name=op.f("pk_landlord_policies")),
    )


def downgrade() -> None:
    op.drop_table("landlord_policies")
