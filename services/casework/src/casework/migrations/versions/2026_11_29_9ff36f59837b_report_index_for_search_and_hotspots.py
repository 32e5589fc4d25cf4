"""report index for search and hotspots

Revision ID: 9ff36f59837b
Revises: 5d2c8e1f0a77
Create Date: 2026-11-29 22:49:06.772412
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "9ff36f59837b"
down_revision: str | None = "5d2c8e1f0a77"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Trigram matching of names and addresses (tolerant of misspelling).
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # Names that sound alike (Smyth, Smith): the double metaphone of each word.
    op.execute("CREATE EXTENSION IF NOT EXISTS fuzzystrmatch")
    op.execute(NAME_SOUNDS)
    op.create_table(
        "report_index",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("categories", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column(
            "names",
            sa.Text(),
            nullable=False,
            comment="the named complainant's and the subjects' names (never an anonymous one's)",
        ),
        sa.Column(
            "sounds",
            postgresql.ARRAY(sa.Text()),
            sa.Computed("person_name_sounds(names)", persisted=True),
            nullable=False,
            comment="the double metaphone of each word of the names: Smyth sounds like Smith",
        ),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("postcode", sa.String(length=8), nullable=True, comment="normalised: 'SK1 1AA'"),
        sa.Column("district", sa.String(length=4), nullable=True),
        sa.Column("sector", sa.String(length=6), nullable=True),
        sa.Column("uprn", sa.String(length=20), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column(
            "text", sa.Text(), nullable=False, comment="the description and the place, for FTS"
        ),
        sa.Column(
            "document",
            postgresql.TSVECTOR(),
            sa.Computed("to_tsvector('english'::regconfig, text)", persisted=True),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_report_index_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_index")),
    )
    op.create_index(
        "ix_report_index_address_trgm",
        "report_index",
        ["address"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"address": "gin_trgm_ops"},
    )
    op.create_index(op.f("ix_report_index_case_id"), "report_index", ["case_id"], unique=False)
    op.create_index(
        "ix_report_index_document",
        "report_index",
        ["document"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        "ix_report_index_names_trgm",
        "report_index",
        ["names"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"names": "gin_trgm_ops"},
    )
    op.create_index(
        "ix_report_index_org_postcode",
        "report_index",
        ["organisation_id", "postcode"],
        unique=False,
    )
    op.create_index(
        "ix_report_index_org_received",
        "report_index",
        ["organisation_id", "received_at"],
        unique=False,
    )
    op.create_index(
        "ix_report_index_org_uprn", "report_index", ["organisation_id", "uprn"], unique=False
    )
    op.create_index(
        "ix_report_index_sounds", "report_index", ["sounds"], unique=False, postgresql_using="gin"
    )
    # The reports received before the index existed, from the report each case keeps. An
    # anonymous reporter's name is never indexed.
    op.execute(BACKFILL)


NAME_SOUNDS = r"""
CREATE OR REPLACE FUNCTION person_name_sounds(names text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT dmetaphone(w)) FILTER (WHERE dmetaphone(w) <> ''), '{}')
    FROM regexp_split_to_table(lower(names), '[^a-z]+') AS w
    WHERE length(w) > 1
$$
"""

BACKFILL = r"""
WITH r AS (
    SELECT cr.report_id, cr.case_id, cr.organisation_id, cr.received_at, cr.report_reference,
           cr.description, cr.payload, c.categories,
           upper(regexp_replace(coalesce(cr.payload->'location'->>'postcode', ''),
                                '[^A-Za-z0-9]', '', 'g')) AS pc
    FROM case_reports cr JOIN cases c ON c.id = cr.case_id
), p AS (
    SELECT r.*,
           CASE WHEN pc ~ '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$'
                THEN left(pc, length(pc) - 3) || ' ' || right(pc, 3) END AS postcode
    FROM r
)
INSERT INTO report_index (report_id, case_id, organisation_id, received_at, categories, names,
                          address, postcode, district, sector, uprn, latitude, longitude, text)
SELECT p.report_id, p.case_id, p.organisation_id, p.received_at, p.categories,
       concat_ws(' | ',
           CASE WHEN coalesce((p.payload->>'anonymous')::boolean, true) THEN NULL
                ELSE nullif(p.payload->'reporter'->>'name', '') END,
           (SELECT string_agg(s->>'name', ' | ')
              FROM jsonb_array_elements(coalesce(p.payload->'subjects', '[]'::jsonb)) s
             WHERE coalesce(s->>'name', '') <> '')),
       concat_ws(', ', nullif(p.payload->'location'->>'address', ''),
                 nullif(p.payload->'location'->>'description', ''), p.postcode),
       p.postcode,
       split_part(p.postcode, ' ', 1),
       left(p.postcode, length(p.postcode) - 2),
       left(nullif(trim(p.payload->'location'->>'uprn'), ''), 20),
       (p.payload->'location'->>'latitude')::double precision,
       (p.payload->'location'->>'longitude')::double precision,
       concat_ws(' ', p.report_reference, p.description,
                 p.payload->'location'->>'address', p.payload->'location'->>'description',
                 p.postcode)
FROM p
ON CONFLICT (report_id) DO NOTHING
"""


def downgrade() -> None:
    op.drop_index("ix_report_index_org_uprn", table_name="report_index")
    op.drop_index("ix_report_index_org_received", table_name="report_index")
    op.drop_index("ix_report_index_org_postcode", table_name="report_index")
    op.drop_index(
        "ix_report_index_names_trgm",
        table_name="report_index",
        postgresql_using="gin",
        postgresql_ops={"names": "gin_trgm_ops"},
    )
    op.drop_index("ix_report_index_document", table_name="report_index", postgresql_using="gin")
    op.drop_index(op.f("ix_report_index_case_id"), table_name="report_index")
    op.drop_index(
        "ix_report_index_address_trgm",
        table_name="report_index",
        postgresql_using="gin",
        postgresql_ops={"address": "gin_trgm_ops"},
    )
    op.drop_table("report_index")
    op.execute("DROP FUNCTION IF EXISTS person_name_sounds(text)")
