"""The body of every service's Alembic ``env.py``: online, async, URL given by the caller."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from .messaging.tables import messaging_metadata
from .organisations import organisations_metadata


def run_env(target_metadata: MetaData) -> None:
    """Apply migrations for a service whose models live in ``target_metadata``."""
    config = context.config
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL: pass it as config.attributes['url']")
    metadatas = [target_metadata, messaging_metadata, organisations_metadata]

    def do_run(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=metadatas, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.connect() as connection:
            await connection.run_sync(do_run)
        await engine.dispose()

    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadatas, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
    else:
        asyncio.run(run_async())
