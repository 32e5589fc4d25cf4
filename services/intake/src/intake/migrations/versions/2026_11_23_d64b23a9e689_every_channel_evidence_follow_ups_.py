"""every channel, evidence, follow-ups, surveys and case reviews

Revision ID: d64b23a9e689
Revises: e270b8ebd040
Create Date: 2026-11-23 16:18:39.734347
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "d64b23a9e689"
down_revision: str | None = "e270b8ebd040"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_review_applications",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("applicant_email", sa.String(length=320), nullable=True),
        sa.Column("applicant_phone", sa.String(length=32), nullable=True),
        sa.Column("on_behalf_of", sa.String(length=200), nullable=True),
        sa.Column("consent_given", sa.Boolean(), nullable=True),
        sa.Column("report_references", sa.ARRAY(sa.String(length=32)), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "submitted_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_review_applications")),
    )
    op.create_index(
        op.f("ix_case_review_applications_organisation_id"),
        "case_review_applications",
        ["organisation_id"],
        unique=False,
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_table(
        "followups",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_followups_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followups")),
    )
    op.create_index(
        op.f("ix_followups_organisation_id"), "followups", ["organisation_id"], unique=False
    )
    op.create_index(op.f("ix_followups_report_id"), "followups", ["report_id"], unique=False)
    op.create_table(
        "inbound_mail",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("mail_from", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("message_id", sa.String(length=300), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column(
            "status", sa.String(length=20), nullable=False, comment="converted, or needs_attention"
        ),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("report_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_inbound_mail_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_mail")),
    )
    op.create_index(
        op.f("ix_inbound_mail_organisation_id"), "inbound_mail", ["organisation_id"], unique=False
    )
    op.create_table(
        "reporter_updates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_reporter_updates_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporter_updates")),
    )
    op.create_index(
        op.f("ix_reporter_updates_report_id"), "reporter_updates", ["report_id"], unique=False
    )
    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("handling", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.Integer(), nullable=False),
        sa.Column("comments", sa.Text(), nullable=True),
        sa.Column(
            "submitted_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_survey_responses_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        sa.UniqueConstraint("report_id", name=op.f("uq_survey_responses_report_id")),
    )
    op.create_index(
        op.f("ix_survey_responses_organisation_id"),
        "survey_responses",
        ["organisation_id"],
        unique=False,
    )
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("followup_id", sa.Uuid(), nullable=True),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column(
            "content_type",
            sa.String(length=100),
            nullable=False,
            comment="as detected from the content",
        ),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=500), nullable=False),
        sa.Column(
            "received_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["followup_id"], ["followups.id"], name=op.f("fk_evidence_files_followup_id_followups")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_evidence_files_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
    )
    op.create_index(
        op.f("ix_evidence_files_organisation_id"),
        "evidence_files",
        ["organisation_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_evidence_files_report_id"), "evidence_files", ["report_id"], unique=False
    )
    op.add_column(
        "reports",
        sa.Column(
            "occurred_until",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="the end, when it happened over a period",
        ),
    )
    op.add_column(
        "reports",
        sa.Column(
            "contact_times", sa.Text(), nullable=True, comment="when the reporter can be contacted"
        ),
    )
    op.add_column(
        "reports",
        sa.Column(
            "safe_contact",
            sa.Text(),
            nullable=True,
            comment="safe-contact instructions, e.g. never to a shared address or number",
        ),
    )
    op.add_column(
        "reports",
        sa.Column(
            "people",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
            comment="complainants, witnesses and subjects",
        ),
    )
    op.add_column(
        "reports",
        sa.Column(
            "risk_answers",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "reports",
        sa.Column(
            "received_by",
            sa.String(length=200),
            nullable=True,
            comment="the member of staff who keyed a phone, letter or in-person report",
        ),
    )
    op.add_column(
        "reports",
        sa.Column(
            "source_reference",
            sa.String(length=300),
            nullable=True,
            comment="the channel's own id: an email Message-ID, a chat session",
        ),
    )


def downgrade() -> None:
    op.drop_column("reports", "source_reference")
    op.drop_column("reports", "received_by")
    op.drop_column("reports", "risk_answers")
    op.drop_column("reports", "people")
    op.drop_column("reports", "safe_contact")
    op.drop_column("reports", "contact_times")
    op.drop_column("reports", "occurred_until")
    op.drop_index(op.f("ix_evidence_files_report_id"), table_name="evidence_files")
    op.drop_index(op.f("ix_evidence_files_organisation_id"), table_name="evidence_files")
    op.drop_table("evidence_files")
    op.drop_index(op.f("ix_survey_responses_organisation_id"), table_name="survey_responses")
    op.drop_table("survey_responses")
    op.drop_index(op.f("ix_reporter_updates_report_id"), table_name="reporter_updates")
    op.drop_table("reporter_updates")
    op.drop_index(op.f("ix_inbound_mail_organisation_id"), table_name="inbound_mail")
    op.drop_table("inbound_mail")
    op.drop_index(op.f("ix_followups_report_id"), table_name="followups")
    op.drop_index(op.f("ix_followups_organisation_id"), table_name="followups")
    op.drop_table("followups")
    op.drop_table("idempotency_keys")
    op.drop_index(
        op.f("ix_case_review_applications_organisation_id"), table_name="case_review_applications"
    )
    op.drop_table("case_review_applications")
