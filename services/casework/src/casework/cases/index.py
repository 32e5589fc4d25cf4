"""What each report makes findable (the search index): kept beside the report, one row per report;
written by :mod:`casework.search.indexing`, read by search, people and hotspots.

Names are matched by trigram similarity (``pg_trgm``) or by sound (double metaphone,
``fuzzystrmatch``), free text by PostgreSQL's full-text
search; both have GIN indexes. The same rows give the hotspots their areas and points.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Computed,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base


class ReportIndex(Base):
    """One report as search and the hotspots see it."""

    __tablename__ = "report_index"
    __table_args__ = (
        Index(
            "ix_report_index_names_trgm",
            "names",
            postgresql_using="gin",
            postgresql_ops={"names": "gin_trgm_ops"},
        ),
        Index(
            "ix_report_index_address_trgm",
            "address",
            postgresql_using="gin",
            postgresql_ops={"address": "gin_trgm_ops"},
        ),
        Index("ix_report_index_document", "document", postgresql_using="gin"),
        Index("ix_report_index_sounds", "sounds", postgresql_using="gin"),
        Index("ix_report_index_person_keys", "person_keys", postgresql_using="gin"),
        Index("ix_report_index_org_postcode", "organisation_id", "postcode"),
        Index("ix_report_index_org_uprn", "organisation_id", "uprn"),
        Index("ix_report_index_org_received", "organisation_id", "received_at"),
    )

    report_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("cases.id"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    names: Mapped[str] = mapped_column(
        Text, comment="the named complainant's and the subjects' names (never an anonymous one's)"
    )
    sounds: Mapped[list[str]] = mapped_column(
        ARRAY(Text),
        Computed("person_name_sounds(names)", persisted=True),
        comment="the double metaphone of each word of the names: Smyth sounds like Smith",
    )
    person_keys: Mapped[list[str]] = mapped_column(
        ARRAY(String(400)),
        server_default=text("'{}'"),
        comment="the named reporter's keys (casework.people.matching); none if anonymous",
    )
    address: Mapped[str] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(8), comment="normalised: 'SK1 1AA'")
    district: Mapped[str | None] = mapped_column(String(4))
    sector: Mapped[str | None] = mapped_column(String(6))
    uprn: Mapped[str | None] = mapped_column(String(20))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text, comment="the description and the place, for FTS")
    document: Mapped[str] = mapped_column(
        TSVECTOR, Computed("to_tsvector('english'::regconfig, text)", persisted=True)
    )
