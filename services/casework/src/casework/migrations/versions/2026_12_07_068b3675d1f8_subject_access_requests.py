"""subject access requests and every service's contributions

Revision ID: 068b3675d1f8
Revises: 548457900b44
Create Date: 2026-12-07 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "068b3675d1f8"
down_revision: str | None = "548457900b44"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _empty() -> sa.TextClause:
    return sa.text("'{}'")


def upgrade() -> None:
    op.create_table(
        "subject_access_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column(
            "emails",
            postgresql.ARRAY(sa.String(length=320)),
            server_default=_empty(),
            nullable=False,
        ),
        sa.Column(
            "phones",
            postgresql.ARRAY(sa.String(length=32)),
            server_default=_empty(),
            nullable=False,
        ),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column(
            "person_ids", postgresql.ARRAY(sa.Uuid()), server_default=_empty(), nullable=False
        ),
        sa.Column("case_ids", postgresql.ARRAY(sa.Uuid()), server_default=_empty(), nullable=False),
        sa.Column(
            "report_references",
            postgresql.ARRAY(sa.String(length=32)),
            server_default=_empty(),
            nullable=False,
        ),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("extension_months", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False, comment="casework.subject_access.deadline"),
        sa.Column(
            "contributed",
            postgresql.ARRAY(sa.String(length=40)),
            server_default=_empty(),
            nullable=False,
            comment="the services that answered",
        ),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column(
            "requested_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("released_by", sa.String(length=200), nullable=True),
        sa.Column("release_note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_access_requests")),
    )
    op.create_index(
        op.f("ix_subject_access_requests_organisation_id"),
        "subject_access_requests",
        ["organisation_id"],
    )
    op.create_table(
        "subject_access_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "others",
            postgresql.ARRAY(sa.String(length=60)),
            server_default=_empty(),
            nullable=False,
        ),
        sa.Column("reviewed", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "redacted",
            postgresql.ARRAY(sa.String(length=60)),
            server_default=_empty(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["subject_access_requests.id"],
            name=op.f("fk_subject_access_items_request_id_subject_access_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_access_items")),
    )
    op.create_index(
        op.f("ix_subject_access_items_request_id"), "subject_access_items", ["request_id"]
    )


def downgrade() -> None:
    op.drop_table("subject_access_items")
    op.drop_table("subject_access_requests")
