"""email replies wait for the report's route and follow the contact rules

Revision ID: e54d0b39fe29
Revises: b3e9f2a41c77
Create Date: 2026-12-07 20:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e54d0b39fe29"
down_revision: str | None = "b3e9f2a41c77"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The reply owed to a report's email is found by the report when its route is known.
    op.create_index(op.f("ix_inbound_mail_report_id"), "inbound_mail", ["report_id"])
    op.add_column(
        "inbound_mail",
        sa.Column(
            "reply_after",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="a decided reply is sent from then on (the reporter's next safe window)",
        ),
    )
    op.add_column(
        "inbound_mail",
        sa.Column(
            "reply_note",
            sa.Text(),
            nullable=True,
            comment="why the contact rules withheld the reply",
        ),
    )
    op.alter_column(
        "inbound_mail",
        "reply_status",
        existing_type=sa.String(length=20),
        existing_nullable=True,
        comment="awaiting_route, owed, sent, refused or withheld; none when no reply is owed "
        "(automatic mail)",
        existing_comment="owed, sent or refused; none when no reply is owed (automatic mail)",
    )


def downgrade() -> None:
    op.alter_column(
        "inbound_mail",
        "reply_status",
        existing_type=sa.String(length=20),
        existing_nullable=True,
        comment="owed, sent or refused; none when no reply is owed (automatic mail)",
    )
    op.drop_index(op.f("ix_inbound_mail_report_id"), table_name="inbound_mail")
    op.drop_column("inbound_mail", "reply_note")
    op.drop_column("inbound_mail", "reply_after")
