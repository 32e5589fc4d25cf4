"""a case review keeps how its applicant may be told, and its appeal

Revision ID: 0707c475073c
Revises: 655d5ead87d9
Create Date: 2026-12-07 20:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0707c475073c"
down_revision: str | None = "655d5ead87d9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "case_reviews",
        sa.Column(
            "applicant_preferences",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=True,
            comment="asb_shared ContactPreferences: how the applicant may be told",
        ),
    )
    op.add_column("case_reviews", sa.Column("appealed_at", sa.DateTime(timezone=True)))
    op.add_column("case_reviews", sa.Column("appeal_grounds", sa.Text()))
    op.add_column(
        "case_reviews",
        sa.Column("appeal_decision", sa.String(20), comment="upheld or not_upheld"),
    )
    op.add_column("case_reviews", sa.Column("appeal_reason", sa.Text()))
    op.add_column("case_reviews", sa.Column("appeal_decided_at", sa.DateTime(timezone=True)))
    op.add_column("case_reviews", sa.Column("appeal_decided_by", sa.String(200)))


def downgrade() -> None:
    for column in (
        "appeal_decided_by",
        "appeal_decided_at",
        "appeal_reason",
        "appeal_decision",
        "appeal_grounds",
        "appealed_at",
        "applicant_preferences",
    ):
        op.drop_column("case_reviews", column)
