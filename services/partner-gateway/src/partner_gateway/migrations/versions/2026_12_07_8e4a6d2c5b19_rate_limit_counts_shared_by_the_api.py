"""rate limit counts shared by the API processes

Revision ID: 8e4a6d2c5b19
Revises: 5a97f71c53e6
Create Date: 2026-12-07 17:00:00.000000
"""

from collections.abc import Sequence

from asb_shared.ratelimit import create_rate_limit_table, drop_rate_limit_table

revision: str = "8e4a6d2c5b19"
down_revision: str | None = "5a97f71c53e6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The table's one definition is asb_shared.ratelimit (as for the organisations).
    create_rate_limit_table()


def downgrade() -> None:
    drop_rate_limit_table()
