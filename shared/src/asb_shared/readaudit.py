"""The audit of sensitive reads: one table shape, one writer, one query, one CSV export.

Every service that must show who read a sensitive record (engagement's Positive Engagement
records, casework's domestic-abuse, hate and safeguarding cases, contact records and evidence)
keeps its own append-only table built on :class:`ReadLog`, adds the columns naming what it
audits (a client, a case), and writes, queries and exports it with the functions here:

- :func:`append` adds one read in the reader's own transaction, so no read goes unlogged;
- :func:`reads` is the query (organisation first, then the filters, newest first, by cursor);
- :func:`csv_export` streams the same entries as CSV, oldest first, with no cell that a
  spreadsheet would run as a formula;
- :func:`append_only` and :func:`drop_append_only` are the statements a migration runs so the
  database itself refuses UPDATE, DELETE and TRUNCATE (for every role, owner included).
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, Select, String, Text, Uuid, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from starlette.responses import StreamingResponse

from .db import uuid7
from .usecase import UnitOfWork


class ReadLog:
    """The columns every read log has: who, when, which landlord, what, and why if asked.

    A mixin for a service's declarative model; the service adds what names the record read.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    organisation_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    resource: Mapped[str] = mapped_column(String(60))
    """What was read (``client``, ``case``, ``contact``, ``evidence`` ...)."""
    actor: Mapped[str] = mapped_column(String(200), index=True)
    """The reader's token subject, or ``system``."""
    actor_roles: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    """Why the reader said they read it, when they were asked."""
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


Entry = TypeVar("Entry", bound=ReadLog)
Row = TypeVar("Row")


def reader(uow: UnitOfWork) -> tuple[str, str]:
    """The reader as the log names them: token subject and roles (``system`` for the system)."""
    if uow.actor is None:
        return "system", "system"
    return uow.actor.subject, ",".join(sorted(r.value for r in uow.actor.roles))


def append(
    uow: UnitOfWork,
    model: type[Entry],
    *,
    organisation_id: uuid.UUID,
    resource: str,
    reason: str | None = None,
    **names: Any,
) -> Entry:
    """Append one read to ``model``'s log, in the reader's transaction (nothing is read unless
    the entry commits with it). ``names`` are the service's own columns (``case_id=...``)."""
    actor, roles = reader(uow)
    make: Callable[..., Entry] = model
    entry = make(
        organisation_id=organisation_id,
        resource=resource,
        actor=actor,
        actor_roles=roles,
        reason=reason,
        at=uow.now(),
        **names,
    )
    uow.session.add(entry)
    return entry


def reads(
    model: type[Entry],
    organisation_id: uuid.UUID,
    *,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    **equals: Any,
) -> Select[Entry]:
    """The landlord's reads, filtered: by reader, period and any of the service's own columns
    given a value (``case_id=...``; None means no filter). Unordered: see :func:`newest_first`."""
    query = select(model).where(model.organisation_id == organisation_id)
    if actor:
        query = query.where(model.actor == actor)
    if since:
        query = query.where(model.at >= since)
    if until:
        query = query.where(model.at < until)
    for column, value in equals.items():
        if value is not None:
            query = query.where(getattr(model, column) == value)
    return query


async def newest_first(
    session: AsyncSession,
    query: Select[Entry],
    model: type[Entry],
    *,
    limit: int,
    cursor: uuid.UUID | None = None,
) -> list[Entry]:
    """One page of ``query``, newest first, after ``cursor`` (the last id of the page before)."""
    if cursor:
        query = query.where(model.id < cursor)
    return list(await session.scalars(query.order_by(model.id.desc()).limit(limit)))


def cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: never the start of a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


async def csv_lines(
    rows: AsyncIterator[Mapping[str, object]], columns: Sequence[str], *, chunk: int = 32_768
) -> AsyncIterator[str]:
    """CSV text of ``rows`` (a header of ``columns`` first), in chunks of about ``chunk``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    async for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
        if buffer.tell() > chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_export(
    sessions: Callable[[], Any],
    query: Select[Row],
    shape: Callable[[Row], Mapping[str, object]],
    columns: Sequence[str],
) -> AsyncIterator[str]:
    """The entries of ``query`` (ordered as the export should be: oldest first) as CSV,
    streamed from a session of its own (``sessions``: the service's ``db.sessions``)."""
    streamed = query.execution_options(yield_per=500)

    async def rows() -> AsyncIterator[Mapping[str, object]]:
        async with sessions() as session:
            async for entry in await session.stream_scalars(streamed):
                yield shape(entry)

    return csv_lines(rows(), columns)


def csv_response(lines: AsyncIterator[str], filename: str) -> StreamingResponse:
    """A CSV export as a download nobody caches."""
    return StreamingResponse(
        lines,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def append_only(table: str) -> list[str]:
    """The statements that make ``table`` append-only: UPDATE, DELETE and TRUNCATE are revoked
    from PUBLIC, and a trigger refuses them for every role (the owner and superusers too)."""
    function = f"{table}_append_only"
    return [
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM PUBLIC",
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION 'the audit log {table} is append-only (% refused)', TG_OP "
        "USING ERRCODE = 'insufficient_privilege'; END $$",
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


def drop_append_only(table: str) -> list[str]:
    """What :func:`append_only` made, undone (for a migration's downgrade)."""
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_append_only()",
    ]
