"""The site in process, against the real intake and casework in process too (their APIs over
ASGI), each on the run's own databases: what the site shows comes from the real endpoints."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asb_shared.testing import TestEnvironment, migrated_database, service_api, service_worker
from casework.main import definition as casework
from intake.main import definition as intake
from web.app import create_site
from web.main import definition as web
from web.site.apis import Api, Apis
from web_samples import INACTIVE, INACTIVE_PREFIX, ORG, PREFIX, Site, site_settings


@pytest.fixture(scope="session", autouse=True)
def site_landlords(test_env: TestEnvironment) -> None:
    test_env.register_organisation(ORG, prefix=PREFIX, name="Web Test Homes")
    test_env.register_organisation(INACTIVE, prefix=INACTIVE_PREFIX, active=False)


@pytest.fixture(scope="module")
async def apis(
    test_env: TestEnvironment,
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    async with (
        service_api(test_env, intake, public_rate_per_minute=0) as intake_client,
        service_worker(test_env, intake),
        service_api(test_env, casework) as casework_client,
    ):
        yield intake_client, casework_client


@pytest.fixture(scope="module")
async def site(
    test_env: TestEnvironment, apis: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> AsyncIterator[Site]:
    await migrated_database(test_env, web)
    app = create_site(web, site_settings(test_env))
    intake_client, casework_client = apis
    async with app.router.lifespan_context(app):
        await app.state.apis.close()
        app.state.apis = Apis(
            intake=Api("intake", "http://intake", 10, intake_client._transport),
            casework=Api("casework", "http://casework", 10, casework_client._transport),
            notifications=Api("notifications", "http://127.0.0.1:9", 1),
        )
        transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield Site(app, client, intake_client, casework_client)
