"""The raw ceiling: the least a request that "stores something and announces it" can cost.

One FastAPI endpoint, ``POST /items``, that in ONE transaction inserts a row into
``bench_items`` and adds an event to the outbox with the shared :class:`Outbox` (which also
``pg_notify``s, exactly as the services do). No middleware, no auth, a two-field body. Served by
uvicorn in its own process with one worker, like the real services, so
``bench/journey.py`` can compare ``POST /v1/reports`` against it.

Run by ``journey.py`` as ``python bench/ceiling_app.py`` with ``DATABASE_URL``, ``HTTP_HOST``
and ``HTTP_PORT`` in the environment; the schema is made by :func:`create_schema`.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator

import uvicorn
from asb_shared.db import Database, new_metadata, uuid7
from asb_shared.messaging import Event, Outbox
from asb_shared.messaging.tables import messaging_metadata
from asb_shared.settings import ServiceSettings
from fastapi import FastAPI
from pydantic import BaseModel
from sqlalchemy import Column, DateTime, Table, Text, Uuid, func, insert
from sqlalchemy.ext.asyncio import create_async_engine

metadata = new_metadata()

items = Table(
    "bench_items",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("organisation_id", Uuid, nullable=False),
    Column("description", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


class ItemAdded(Event):
    """The event the ceiling endpoint writes to its outbox."""

    event_type = "bench.item.added"

    item_id: uuid.UUID
    description: str


class ItemIn(BaseModel):
    organisation_id: uuid.UUID
    description: str


async def create_schema(url: str) -> None:
    """Create ``bench_items`` and the shared outbox/inbox tables in the (empty) database."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(metadata.create_all)
            await conn.run_sync(messaging_metadata.create_all)
    finally:
        await engine.dispose()


def create_app(database_url: str, pool_size: int) -> FastAPI:
    outbox = Outbox("bench-ceiling")

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The same Database (engine and pool settings) as the services' APIs.
        app.state.db = Database(database_url, pool_size=pool_size)
        try:
            yield
        finally:
            await app.state.db.dispose()

    app = FastAPI(title="Ceiling", lifespan=lifespan)

    @app.post("/items", status_code=201)
    async def add_item(body: ItemIn) -> dict[str, str]:
        item_id = uuid7()
        db: Database = app.state.db
        async with db.transaction() as session:
            await session.execute(
                insert(items).values(
                    id=item_id, organisation_id=body.organisation_id, description=body.description
                )
            )
            await outbox.add(
                session,
                ItemAdded(item_id=item_id, description=body.description),
                organisation_id=body.organisation_id,
            )
        return {"id": str(item_id)}

    @app.get("/readyz")
    async def readyz() -> dict[str, str]:
        await app.state.db.ping()
        return {"status": "ready"}

    return app


def main() -> None:
    uvicorn.run(
        # The services' pool size (DATABASE_POOL_SIZE or the shared default).
        create_app(os.environ["DATABASE_URL"], ServiceSettings().database_pool_size),
        host=os.environ.get("HTTP_HOST", "127.0.0.1"),
        port=int(os.environ["HTTP_PORT"]),
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=10,
    )


if __name__ == "__main__":
    main()
