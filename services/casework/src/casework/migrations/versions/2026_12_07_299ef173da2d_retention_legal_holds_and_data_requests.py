"""retention: legal holds on cases, expired cases, and people's data requests

Revision ID: 299ef173da2d
Revises: 3b9e41d7c2a6
Create Date: 2026-12-07 20:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "299ef173da2d"
down_revision: str | None = "3b9e41d7c2a6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "cases",
        sa.Column(
            "legal_hold_reason",
            sa.Text(),
            nullable=True,
            comment="why the case is held (court proceedings); None: no hold",
        ),
    )
    op.add_column("cases", sa.Column("legal_hold_by", sa.String(length=200), nullable=True))
    op.add_column("cases", sa.Column("legal_hold_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "cases",
        sa.Column(
            "expired_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="when its retention period ended and what identified anyone was removed",
        ),
    )
    op.create_table(
        "data_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False, comment="erasure or rectification"),
        sa.Column(
            "person_ids",
            postgresql.ARRAY(sa.Uuid()),
            nullable=False,
            comment="the complainants' contact records the request is about",
        ),
        sa.Column("case_ids", postgresql.ARRAY(sa.Uuid()), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False, comment="granted or refused"),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "refusal_basis",
            sa.String(length=40),
            nullable=True,
            comment="the lawful basis for refusing (UK GDPR art. 17(3), 12(5))",
        ),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column(
            "decided_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("carried_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_requests")),
    )
    op.create_index(
        op.f("ix_data_requests_organisation_id"), "data_requests", ["organisation_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_data_requests_organisation_id"), table_name="data_requests")
    op.drop_table("data_requests")
    op.drop_column("cases", "expired_at")
    op.drop_column("cases", "legal_hold_at")
    op.drop_column("cases", "legal_hold_by")
    op.drop_column("cases", "legal_hold_reason")
