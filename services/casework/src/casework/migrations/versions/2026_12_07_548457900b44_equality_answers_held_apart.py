"""equality monitoring answers, held apart from the case

Revision ID: 548457900b44
Revises: 7ac435ea6bc7
Create Date: 2026-12-07 20:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "548457900b44"
down_revision: str | None = "7ac435ea6bc7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHARACTERISTICS = (
    "age_band",
    "disability",
    "ethnicity",
    "religion",
    "sex",
    "gender_identity_same_as_at_birth",
    "sexual_orientation",
    "pregnancy_or_maternity",
    "marriage_or_civil_partnership",
)


def upgrade() -> None:
    op.create_table(
        "equality_answers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("report_reference", sa.String(length=32), nullable=True),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column(
            "given_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        *(sa.Column(c, sa.String(length=40), nullable=True) for c in CHARACTERISTICS),
        sa.CheckConstraint(
            "role IN ('complainant', 'subject')", name=op.f("ck_equality_answers_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equality_answers")),
    )
    op.create_index(op.f("ix_equality_answers_case_id"), "equality_answers", ["case_id"])
    op.create_index(
        op.f("ix_equality_answers_organisation_id"), "equality_answers", ["organisation_id"]
    )
    op.create_index(
        op.f("ix_equality_answers_report_reference"), "equality_answers", ["report_reference"]
    )


def downgrade() -> None:
    op.drop_table("equality_answers")
