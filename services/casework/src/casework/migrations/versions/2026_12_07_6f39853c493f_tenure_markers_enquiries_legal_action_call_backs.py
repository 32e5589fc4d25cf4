"""tenure on cases; warning markers, enquiries, legal actions and call-backs

Revision ID: 6f39853c493f
Revises: 068b3675d1f8
Create Date: 2026-12-07 20:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "6f39853c493f"
down_revision: str | None = "068b3675d1f8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _case_record(table: str, *columns: sa.Column[object]) -> None:
    """A table of records kept on one case: its columns, then id, case and landlord."""
    op.create_table(
        table,
        *columns,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f(f"fk_{table}_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    op.create_index(op.f(f"ix_{table}_case_id"), table, ["case_id"], unique=False)


def _now(name: str) -> sa.Column[object]:
    return sa.Column(
        name, sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
    )


def _when(name: str, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.add_column(
        "cases",
        sa.Column(
            "tenure",
            sa.String(length=30),
            server_default=sa.text("'unknown'"),
            nullable=False,
            comment="of the home the case is about",
        ),
    )
    op.create_table(
        "warning_markers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("about", sa.String(length=10), nullable=False, comment="address or person"),
        sa.Column(
            "key", sa.String(length=300), nullable=False, comment="the address or subject key"
        ),
        sa.Column(
            "label",
            sa.String(length=200),
            nullable=False,
            comment="what to take care about, shown",
        ),
        sa.Column("reason", sa.Text(), nullable=False, comment="shown only to the roles named"),
        sa.Column("reason_visible_to", postgresql.ARRAY(sa.String(length=20)), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("raised_on_case", sa.Uuid(), nullable=True),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        _now("added_at"),
        sa.Column("removed_by", sa.String(length=200), nullable=True),
        _when("removed_at"),
        sa.Column("removal_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warning_markers")),
    )
    op.create_index(
        op.f("ix_warning_markers_organisation_id"),
        "warning_markers",
        ["organisation_id"],
        unique=False,
    )
    op.create_index(
        "ix_warning_markers_live",
        "warning_markers",
        ["organisation_id", "key"],
        unique=False,
        postgresql_where=sa.text("removed_at IS NULL"),
    )
    _case_record(
        "enquiries",
        sa.Column("enquirer", sa.String(length=20), nullable=False, comment="councillor or mp"),
        sa.Column("enquirer_name", sa.String(length=200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        _when("received_at", nullable=False),
        _when("due_at", nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(length=200), nullable=True),
        _when("answered_at"),
    )
    _case_record(
        "legal_actions",
        sa.Column(
            "action", sa.String(length=40), nullable=False, comment="a legal intervention's kind"
        ),
        sa.Column(
            "options_tried",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="each option short of legal action and what came of it",
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=30), nullable=False),
        sa.Column("proposed_by", sa.String(length=200), nullable=False),
        sa.Column("proposed_by_subject", sa.String(length=200), nullable=False),
        _now("proposed_at"),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        _when("decided_at"),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        _when("proceedings_at"),
        sa.Column("proceedings_note", sa.Text(), nullable=True),
    )
    _case_record(
        "call_backs",
        _now("sampled_at"),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("done_by", sa.String(length=200), nullable=True),
        _when("done_at"),
    )


def downgrade() -> None:
    for table in ("call_backs", "legal_actions", "enquiries"):
        op.drop_index(op.f(f"ix_{table}_case_id"), table_name=table)
        op.drop_table(table)
    op.drop_index("ix_warning_markers_live", table_name="warning_markers")
    op.drop_index(op.f("ix_warning_markers_organisation_id"), table_name="warning_markers")
    op.drop_table("warning_markers")
    op.drop_column("cases", "tenure")
