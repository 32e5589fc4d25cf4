"""messages

Revision ID: f2e8faeeb5a9
Revises:
Create Date: 2026-11-23 15:27:41.231944
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from asb_shared.messaging.tables import create_messaging_tables, drop_messaging_tables

revision: str = "f2e8faeeb5a9"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "source_event_id", sa.Uuid(), nullable=False, comment="the event that asked for it"
        ),
        sa.Column("template", sa.String(length=60), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("reference", sa.String(length=32), nullable=True),
        sa.Column(
            "status", sa.String(length=20), server_default=sa.text("'queued'"), nullable=False
        ),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("provider_id", sa.String(length=300), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "next_attempt_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    op.create_index(op.f("ix_messages_case_id"), "messages", ["case_id"], unique=False)
    op.create_index(
        "ix_messages_due",
        "messages",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status = 'queued'"),
    )
    op.create_index(
        op.f("ix_messages_organisation_id"), "messages", ["organisation_id"], unique=False
    )
    op.create_index(op.f("ix_messages_reference"), "messages", ["reference"], unique=False)
    create_messaging_tables()


def downgrade() -> None:
    drop_messaging_tables()
    op.drop_index(op.f("ix_messages_reference"), table_name="messages")
    op.drop_index(op.f("ix_messages_organisation_id"), table_name="messages")
    op.drop_index(
        "ix_messages_due", table_name="messages", postgresql_where=sa.text("status = 'queued'")
    )
    op.drop_index(op.f("ix_messages_case_id"), table_name="messages")
    op.drop_table("messages")
