"""Erasing a person's details wherever a service's database holds them as text.

A service that erases a person on request first collects the details it holds of them (their
name, email address, phone number, address), removes its own records of them, then calls
:func:`scrub` to replace any other occurrence of those details: free text that quotes them (a
timeline entry, a message body), JSON documents that carry them (a report as received, a
webhook payload) and the outbox's envelopes. Every text and JSON column of every table of the
service's schema is searched, whether or not the running process has imported its model, so an
erasure costs a scan of the database: rare, and thorough.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

ERASED = "[erased]"
SHORTEST = 4
"""Shorter values are not searched for (two letters would blank every word that has them)."""

_COLUMNS = text(
    "SELECT table_name, column_name, data_type FROM information_schema.columns"
    " WHERE table_schema = current_schema() AND is_generated = 'NEVER'"
    " AND data_type IN ('text', 'character varying', 'json', 'jsonb')"
    " AND table_name NOT IN ('alembic_version')"
    " ORDER BY table_name, column_name"
)


def _json_form(value: str) -> str:
    """How ``value`` is written inside a JSON string."""
    return json.dumps(value)[1:-1]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def scrub(
    session: AsyncSession, values: Iterable[str | None], *, keep: Iterable[str] = ()
) -> int:
    """Replace every occurrence of ``values`` in the text and JSON columns of the service's
    tables (but those named in ``keep``: an append-only audit) with ``[erased]``; returns how
    many column values changed."""
    kept = set(keep)
    wanted = sorted({v.strip() for v in values if v and len(v.strip()) >= SHORTEST}, key=len)
    wanted.reverse()  # the longest first: an address before the postcode inside it
    if not wanted:
        return 0
    changed = 0
    for table, column, kind in (await session.execute(_COLUMNS)).all():
        if table in kept:
            continue
        is_json = kind in ("json", "jsonb")
        target = f"{_quoted(table)}.{_quoted(column)}"
        as_text = f"{target}::text" if is_json else target
        for value in wanted:
            forms = {_json_form(value)} if is_json else {value, _json_form(value)}
            for form in forms:
                replaced = f"replace({as_text}, :form, :erased)"
                if is_json:
                    replaced = f"({replaced})::{kind}"
                result = await session.execute(
                    text(
                        f"UPDATE {_quoted(table)} SET {_quoted(column)} = {replaced}"
                        f" WHERE strpos({as_text}, :form) > 0"
                    ),
                    {"form": form, "erased": ERASED},
                )
                changed += int(getattr(result, "rowcount", 0) or 0)
    return changed
