"""The site in process, against the real intake and casework in process too (their APIs over
ASGI), each on the run's own databases: what the site shows comes from the real endpoints."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asb_shared.auth import Role
from asb_shared.testing import TestEnvironment, migrated_database, service_api, service_worker
from casework.main import definition as casework
from console_samples import (
    CONSOLE_ORG,
    CONSOLE_PREFIX,
    OTHER_LANDLORD,
    OTHER_PREFIX,
    Console,
    SignedInAs,
    staff_of,
)
from engagement.main import definition as engagement
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from intake.main import definition as intake
from notification_samples import running as running_notifications
from partner_gateway.main import definition as partner_gateway
from web.app import create_site
from web.console.pages import paths_of
from web.console.routers import ROUTERS
from web.main import definition as web
from web.site.apis import Api, Apis
from web_samples import INACTIVE, INACTIVE_PREFIX, ORG, PREFIX, Site, site_settings


@pytest.fixture(scope="session", autouse=True)
def site_landlords(test_env: TestEnvironment) -> None:
    test_env.register_organisation(ORG, prefix=PREFIX, name="Web Test Homes")
    test_env.register_organisation(INACTIVE, prefix=INACTIVE_PREFIX, active=False)
    test_env.register_organisation(CONSOLE_ORG, prefix=CONSOLE_PREFIX, name="Console Homes")
    test_env.register_organisation(OTHER_LANDLORD, prefix=OTHER_PREFIX, name="Other Homes")


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


@pytest.fixture(scope="module")
async def console(test_env: TestEnvironment) -> AsyncIterator[Console]:
    """The console's pages (its ROUTERS) against the real casework, notifications (with its
    worker, mail sink and Notify fake), partner gateway and engagement, in process; signed in by :class:`SignedInAs` (the console's own sign-in replaces it)."""
    settings = site_settings(test_env)
    await migrated_database(test_env, web)
    async with (
        service_api(test_env, casework) as casework_client,
        service_worker(test_env, casework),
        running_notifications(test_env) as notifications_running,
        service_api(test_env, partner_gateway) as gateway_client,
        service_worker(test_env, partner_gateway),
        service_api(test_env, engagement) as engagement_client,
    ):
        app = FastAPI()
        app.state.settings = settings
        app.state.apis = Apis(
            intake=Api("intake", "http://127.0.0.1:9", 1),
            casework=Api("casework", "http://casework", 10, casework_client._transport),
            notifications=Api(
                "notifications",
                "http://notifications",
                10,
                notifications_running.api._transport,
            ),
            partner_gateway=Api(
                "partner-gateway", "http://partner-gateway", 10, gateway_client._transport
            ),
            engagement=Api("engagement", "http://engagement", 10, engagement_client._transport),
        )
        for router in ROUTERS:
            app.include_router(router)
        app.state.served_paths = paths_of(ROUTERS)
        app.mount("/static/govuk", StaticFiles(directory=settings.frontend_dir), name="govuk")
        # The members of staff a test may sign in as (a test may add its own, by name).
        staff = {
            "officer": staff_of(test_env, Role.OFFICER, CONSOLE_ORG),
            "team_leader": staff_of(test_env, Role.TEAM_LEADER, CONSOLE_ORG),
            "other_landlord": staff_of(test_env, Role.OFFICER, OTHER_LANDLORD),
            "admin": staff_of(test_env, Role.ADMIN, CONSOLE_ORG),
            "other_admin": staff_of(test_env, Role.ADMIN, OTHER_LANDLORD),
            "platform_admin": staff_of(test_env, Role.PLATFORM_ADMIN, CONSOLE_ORG),
        }
        app.add_middleware(SignedInAs, staff=staff)
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                yield Console(app, client, casework_client, test_env, gateway_client, staff)
        finally:
            await app.state.apis.close()
