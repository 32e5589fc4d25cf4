"""Each service's migrations build exactly the schema its models describe."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from asb_devtools.runner import SERVICES
from asb_shared.messaging.tables import messaging_metadata
from asb_shared.organisations import organisations_metadata
from asb_shared.testing import TestEnvironment, migrated_database
from sqlalchemy.ext.asyncio import create_async_engine


@pytest.mark.parametrize("service", list(SERVICES))
async def test_migrations_match_the_models(test_env: TestEnvironment, service: str) -> None:
    package = SERVICES[service]
    definition = importlib.import_module(f"{package}.main").definition
    models = importlib.import_module(f"{package}.models")
    url = await migrated_database(test_env, definition)
    engine = create_async_engine(url)

    shared = [messaging_metadata, organisations_metadata]
    # The copies of the retention schedules and legal holds, in the services that keep them.
    shared += [models.retention_metadata] if hasattr(models, "retention_metadata") else []

    def diff(connection: Any) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, [models.Base.metadata, *shared]))

    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(diff)
    finally:
        await engine.dispose()
    assert differences == [], f"{service}: models and migrations differ: {differences}"
