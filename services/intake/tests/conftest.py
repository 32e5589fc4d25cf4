"""Fixtures shared by intake's feature tests: the API and worker, and the events they send."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, captured_events, service_api, service_worker
from intake.main import definition
from intake_samples import ORG


@pytest.fixture(scope="session", autouse=True)
def sample_organisation(test_env: TestEnvironment) -> None:
    """The landlord of the sample reports (``ORG``) is on the platform."""
    test_env.register_organisation(ORG)


@pytest.fixture(scope="module")
async def seen(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    """Every event intake publishes while the module's tests run."""
    async with captured_events(
        test_env,
        "intake.report.received",
        "intake.followup.received",
        "intake.survey.submitted",
        "intake.case_review.requested",
    ) as events:
        yield events


@pytest.fixture(scope="module")
async def client(
    test_env: TestEnvironment, seen: list[Envelope]
) -> AsyncIterator[httpx.AsyncClient]:
    """Intake's API (no rate limit, a known webchat key) with its worker running."""
    async with (
        service_api(
            test_env, definition, public_rate_per_minute=0, webchat_api_key="chat-backend-secret"
        ) as client,
        service_worker(test_env, definition),
    ):
        yield client
