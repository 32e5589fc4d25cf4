"""Alembic's environment for the site: its own tables only (it has no outbox, inbox or
organisations projection, having no events)."""

import asyncio

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from web.models import Base

config = context.config
found = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
if not found:
    raise RuntimeError("no database URL: pass it as config.attributes['url']")
url = str(found)


def do_run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def run_async() -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(do_run)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(run_async())
