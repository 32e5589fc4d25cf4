"""insight and officer records together

Joins the two lines of migrations made side by side: search, the Community Trigger and people
(the report index), and the officer's records (corroboration attempts, language needs,
mediation results). Neither touches the other's tables.

Revision ID: c3e9a4d71b20
Revises: a02f5c019a8b, b17fe8114a53
Create Date: 2026-11-29 23:35:00
"""

from collections.abc import Sequence

revision: str = "c3e9a4d71b20"
down_revision: str | Sequence[str] | None = ("a02f5c019a8b", "b17fe8114a53")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
