"""the landlords' retention schedules and the cases under a legal hold; the retention run may
remove audit entries past their period (nothing else may change or remove one)

Revision ID: bbb92d677672
Revises: a33cf5df05e3
Create Date: 2026-12-07 21:00:00.000000
"""

from collections.abc import Sequence

from alembic import op
from asb_shared.retention_schedules import create_retention_tables, drop_retention_tables

revision: str = "bbb92d677672"
down_revision: str | None = "a33cf5df05e3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The copies' one definition is asb_shared.retention_schedules (as for the organisations).
    create_retention_tables()
    # Only the retention run deletes an entry, and it says so for its transaction
    # (``SET LOCAL asb.retention_run = 'on'``); an update or truncate is refused as before.
    op.execute(
        """
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND current_setting('asb.retention_run', true) = 'on' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'the partner audit log is append-only (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$
        """
    )


def downgrade() -> None:
    op.execute(
        """
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the partner audit log is append-only (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$
        """
    )
    drop_retention_tables()
