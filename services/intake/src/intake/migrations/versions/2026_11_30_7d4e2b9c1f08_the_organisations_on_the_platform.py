"""the organisations on the platform, as casework announces them

Revision ID: 7d4e2b9c1f08
Revises: 5ac7a5d8a166
Create Date: 2026-11-30 01:10:00.000000
"""

from collections.abc import Sequence

from asb_shared.organisations import create_organisation_tables, drop_organisation_tables

revision: str = "7d4e2b9c1f08"
down_revision: str | None = "5ac7a5d8a166"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The projection's one definition is asb_shared.organisations (as for the outbox).
    create_organisation_tables()


def downgrade() -> None:
    drop_organisation_tables()
