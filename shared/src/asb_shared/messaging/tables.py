"""The outbox and inbox tables, the same in every service's own database."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Table, Text, Uuid, func, text

from ..db import new_metadata

messaging_metadata = new_metadata()

outbox = Table(
    "outbox",
    messaging_metadata,
    Column("id", Uuid, primary_key=True, comment="the envelope id (UUIDv7, so ordered by time)"),
    Column("routing_key", String(200), nullable=False),
    Column("payload", Text, nullable=False, comment="the envelope as JSON, published verbatim"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("published_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_error", Text),
    Column(
        "next_attempt_at",
        DateTime(timezone=True),
        nullable=False,
        server_default=func.now(),
        comment="a row that failed to publish steps aside until then",
    ),
    Index("ix_outbox_pending", "id", postgresql_where=text("published_at IS NULL")),
)

inbox = Table(
    "inbox",
    messaging_metadata,
    Column("event_id", Uuid, primary_key=True),
    Column("consumer", String(100), primary_key=True),
    Column("event_type", String(200), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

OUTBOX_CHANNEL = "asb_outbox"
"""The LISTEN/NOTIFY channel that wakes the relay when a transaction adds to the outbox."""


def create_messaging_tables() -> None:
    """Create the outbox and inbox in a service's migration: their one definition is above.

    Called from each service's first migration, so the tables cannot drift between services.
    """
    from alembic import op

    messaging_metadata.create_all(op.get_bind())


def drop_messaging_tables() -> None:
    """Drop the outbox and inbox, in a service's first migration's downgrade."""
    from alembic import op

    messaging_metadata.drop_all(op.get_bind())
