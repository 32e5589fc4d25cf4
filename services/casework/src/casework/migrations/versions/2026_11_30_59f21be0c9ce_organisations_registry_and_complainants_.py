"""organisations registry and complainants' keys together

Joins the two lines of migrations made side by side: the organisations registry and complainants' indexed keys. Neither touches the other's tables.

Revision ID: 59f21be0c9ce
Revises: e41b7a2c9d53, 2985f59d123f
Create Date: 2026-11-30 02:10:00
"""

from collections.abc import Sequence

revision: str = "59f21be0c9ce"
down_revision: str | Sequence[str] | None = ("e41b7a2c9d53", "2985f59d123f")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
