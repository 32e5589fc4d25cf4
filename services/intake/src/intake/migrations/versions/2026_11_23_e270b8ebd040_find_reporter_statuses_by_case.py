"""find reporter statuses by case

Revision ID: e270b8ebd040
Revises: 83d8e438d4e0
Create Date: 2026-11-23 16:14:19.821254
"""

from collections.abc import Sequence

from alembic import op

revision: str = "e270b8ebd040"
down_revision: str | None = "83d8e438d4e0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_report_status_case_reference"), "report_status", ["case_reference"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_report_status_case_reference"), table_name="report_status")
