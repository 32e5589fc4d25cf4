"""The partner gateway as it runs (API and worker, in process, on the run's real database and
vhost), shared by its tests."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from asb_shared.testing import TestEnvironment, service_api, service_worker
from gateway_samples import SETTINGS, Gateway
from partner_gateway.main import definition


@pytest.fixture(scope="module")
async def gateway(test_env: TestEnvironment) -> AsyncIterator[Gateway]:
    async with (
        service_api(test_env, definition, **SETTINGS) as api,
        service_worker(test_env, definition, **SETTINGS),
    ):
        yield Gateway(api, test_env)


@pytest.fixture
def org() -> uuid.UUID:
    """A landlord of its own for each test: nothing one test makes is seen by another."""
    return uuid.uuid4()
