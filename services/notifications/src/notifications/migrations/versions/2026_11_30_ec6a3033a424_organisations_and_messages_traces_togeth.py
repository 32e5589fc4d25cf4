"""organisations and messages' traces together

Joins the two lines of migrations made side by side: the organisations on the platform and the trace a message was queued in. Neither touches the other's tables.

Revision ID: ec6a3033a424
Revises: 9eee37f672d1, b6f1a0d3e942
Create Date: 2026-11-30 02:10:00
"""

from collections.abc import Sequence

revision: str = "ec6a3033a424"
down_revision: str | Sequence[str] | None = ("9eee37f672d1", "b6f1a0d3e942")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
