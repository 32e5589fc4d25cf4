"""Fixtures of casework's tests: the service (API and worker) and the events it announces."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asb_shared.db import Database
from asb_shared.messaging import Envelope
from asb_shared.testing import (
    TestEnvironment,
    captured_events,
    migrated_database,
    service_api,
    service_worker,
)
from casework.main import definition
from casework_samples import CLOSED, REFERRAL


@pytest.fixture(scope="module")
async def opened(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    async with captured_events(test_env, "casework.case.opened") as seen:
        yield seen


@pytest.fixture(scope="module")
async def seen(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    # Every event casework announces here is bound, so none is left unroutable.
    async with captured_events(
        test_env,
        CLOSED,
        REFERRAL,
        "casework.case.opened",
        "casework.case.status_changed",
        "casework.case.assigned",
        "casework.report.linked",
        "casework.safeguarding_referral.made",
        "casework.community_trigger.eligible",
        "casework.case_review.progressed",
        "casework.policy.changed",
    ) as events:
        yield events


@pytest.fixture(scope="module")
async def client(
    test_env: TestEnvironment, opened: list[Envelope], seen: list[Envelope]
) -> AsyncIterator[httpx.AsyncClient]:
    async with service_api(test_env, definition) as client, service_worker(test_env, definition):
        yield client


@pytest.fixture(scope="module")
async def db_url(test_env: TestEnvironment) -> str:
    return await migrated_database(test_env, definition)


@pytest.fixture(scope="module")
async def db(db_url: str) -> AsyncIterator[Database]:
    database = Database(db_url, pool_size=4)
    try:
        yield database
    finally:
        await database.dispose()
