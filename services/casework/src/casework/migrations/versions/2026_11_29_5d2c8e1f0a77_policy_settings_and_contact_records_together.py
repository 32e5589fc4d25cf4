"""policy settings and contact records together

Joins the two lines of migrations made side by side: organisation policy settings (with the
recomputed timers) and complainants' contact records. Neither touches the other's tables.

Revision ID: 5d2c8e1f0a77
Revises: 1e44566e27ad, 900a7c360192
Create Date: 2026-11-29 22:55:00
"""

from collections.abc import Sequence

revision: str = "5d2c8e1f0a77"
down_revision: str | Sequence[str] | None = ("1e44566e27ad", "900a7c360192")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
