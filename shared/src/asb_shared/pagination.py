"""One pagination shape for every list endpoint: ``{"items": [...], "next_cursor": ...}``.

Keyset pagination: the cursor is the id of the last item returned (ids are UUIDv7, ordered by
time); pass it back as ``cursor`` to get the next page. No cursor means no more pages.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")
S = TypeVar("S")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: uuid.UUID | None = None


Limit = Annotated[int, Query(ge=1, le=200, description="items per page")]
Cursor = Annotated[uuid.UUID | None, Query(description="next_cursor from the previous page")]


def page_of(
    rows: Sequence[S], limit: int, to_item: Callable[[S], T], id_of: Callable[[S], uuid.UUID]
) -> Page[T]:
    """Build a page from up to ``limit`` rows (the query should ask for exactly ``limit``)."""
    next_cursor = id_of(rows[-1]) if len(rows) == limit else None
    return Page[T](items=[to_item(r) for r in rows], next_cursor=next_cursor)
