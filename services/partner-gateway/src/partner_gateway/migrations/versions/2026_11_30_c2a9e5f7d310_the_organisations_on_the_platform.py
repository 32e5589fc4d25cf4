"""the organisations on the platform, as casework announces them

Revision ID: c2a9e5f7d310
Revises: 1163938713fa
Create Date: 2026-11-30 01:10:00.000000
"""

from collections.abc import Sequence

from asb_shared.organisations import create_organisation_tables, drop_organisation_tables

revision: str = "c2a9e5f7d310"
down_revision: str | None = "1163938713fa"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The projection's one definition is asb_shared.organisations (as for the outbox).
    create_organisation_tables()


def downgrade() -> None:
    drop_organisation_tables()
