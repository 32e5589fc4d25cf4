"""organisations and webhook secret rotation together

Joins the two lines of migrations made side by side: the organisations on the platform and webhook signing secrets' rotation. Neither touches the other's tables.

Revision ID: 5a97f71c53e6
Revises: c2a9e5f7d310, ab942923c44b
Create Date: 2026-11-30 02:10:00
"""

from collections.abc import Sequence

revision: str = "5a97f71c53e6"
down_revision: str | Sequence[str] | None = ("c2a9e5f7d310", "ab942923c44b")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
