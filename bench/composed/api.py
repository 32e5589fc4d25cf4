"""The composed pipeline's HTTP intake: ``POST /reports`` stores the report and announces it.

One transaction: the row, the outbox row and ``NOTIFY`` (the relay wakes on it). FastAPI with a
pydantic body, as the services, but no middleware or auth and raw asyncpg (no ORM). Served by
uvicorn with one worker in its own process::

    DATABASE_URL=... HTTP_PORT=... python bench/composed/api.py
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel, EmailStr

if not __package__:  # run as a file: make the repository's packages importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.composed.schema import CHANNEL_A, KEY_A, dsn


class Reporter(BaseModel):
    name: str
    email: EmailStr


class ReportIn(BaseModel):
    organisation_id: uuid.UUID
    description: str
    reporter: Reporter


# The row, the outbox row and the NOTIFY (sent when the transaction commits) in one statement.
INSERT = (
    "WITH item AS (INSERT INTO a_items (id, reference, organisation_id, description, email)"
    " VALUES ($1, $2, $3, $4, $5)),"
    " event AS (INSERT INTO outbox_a (message_id, routing_key, payload) VALUES ($6, $7, $8))"
    f" SELECT pg_notify('{CHANNEL_A}', '')"
)


def create_app(pool_size: int) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = await asyncpg.create_pool(dsn(), min_size=1, max_size=pool_size)
        try:
            yield
        finally:
            await app.state.pool.close()

    app = FastAPI(title="Composed ceiling", lifespan=lifespan)

    @app.post("/reports", status_code=201)
    async def add_report(body: ReportIn) -> dict[str, str]:
        item_id = uuid.uuid4()
        reference = f"C-{item_id.hex[:12].upper()}"
        payload = json.dumps(
            {"id": str(item_id), "reference": reference, "email": body.reporter.email}
        ).encode()
        pool: asyncpg.Pool = app.state.pool
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute(
                INSERT,
                item_id,
                reference,
                body.organisation_id,
                body.description,
                body.reporter.email,
                uuid.uuid4(),
                KEY_A,
                payload,
            )
        return {"reference": reference}

    @app.get("/readyz")
    async def readyz() -> dict[str, str]:
        await app.state.pool.fetchval("SELECT 1")
        return {"status": "ready"}

    return app


def main() -> None:
    uvicorn.run(
        create_app(int(os.environ.get("DATABASE_POOL_SIZE", "8"))),
        host=os.environ.get("HTTP_HOST", "127.0.0.1"),
        port=int(os.environ["HTTP_PORT"]),
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=10,
    )


if __name__ == "__main__":
    main()
