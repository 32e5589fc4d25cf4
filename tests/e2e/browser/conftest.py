"""One Chromium for the whole run (Debian's, never a downloaded build); each journey gets a
context of its own. The journeys run against the end-to-end system (tests/e2e/conftest.py),
the resident web site included."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asb_devtools.runner import System
from asb_shared.testing import TestEnvironment
from browsing import (
    AXE_SCRIPT,
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    Journey,
    StaffPage,
    open_journey,
    spent,
    staff_sign_in,
    taken,
)
from e2e_system import CONSOLE_PATCH, DEV_OFFICER, ORG, OTHER_OFFICER
from playwright.async_api import Browser, async_playwright


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    for needed, how in (
        (Path(CHROMIUM), "./dev installs Debian's chromium package"),
        (AXE_SCRIPT, "./dev runs npm ci in services/web"),
    ):
        if not needed.exists():
            pytest.fail(f"{needed} is missing: {how}")
    # This run's screenshots only: the folder is emptied first.
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture(scope="package")
def site(system: System, test_env: TestEnvironment) -> str:
    """The journeys' landlord's site: ``/{slug}/``, its reference prefix in lower case."""
    return str(system.config.landlord_site_url(test_env.organisations[ORG].reference_prefix))


@pytest.fixture(scope="package")
def console_url(system: System) -> str:
    """The staff console of the end-to-end system."""
    return system.config.console_url


@pytest.fixture
async def staff_page(
    request: pytest.FixtureRequest, browser: Browser, console_url: str
) -> AsyncIterator[StaffPage]:
    """Members of staff, each in a browser of their own, signed in through the development
    identity provider in the browser (its sign-in form and the page landed on are checked with
    axe-core and photographed). Each journey must have checked every page it loaded."""
    opened: list[Journey] = []
    test = request.node.originalname.removeprefix("test_")

    async def sign_in(role: str, path: str = "/", *, width: int = 1024) -> Journey:
        journey = await open_journey(browser, f"{test}-{role}-{len(opened) + 1}", width=width)
        opened.append(journey)
        await staff_sign_in(journey, console_url, role, path)
        return journey

    try:
        yield sign_in
        if getattr(request.node, "passed", False):
            for journey in opened:
                journey.all_pages_checked()
    finally:
        for journey in opened:
            await journey.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Marks a test whose body passed (a journey then checks every page it loaded was seen)."""
    report = yield
    if report.when == "call":
        item.passed = report.passed  # type: ignore[attr-defined]
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # The folder itself is printed by the root conftest (also when another process ran these).
    if taken:
        terminalreporter.write_line(
            f"browser journeys: {len(taken)}, {spent['pages']:.0f} pages: "
            f"{spent['screenshots']:.1f}s in screenshots, {spent['axe']:.1f}s in axe-core"
        )


@pytest.fixture(scope="package")
async def officers(system: System, test_env: TestEnvironment) -> None:
    """The development officer covers the console journeys' patch; a second officer to
    reassign to."""
    token = test_env.token("team_leader", organisation_id=ORG, subject="e2e-staff")
    async with httpx.AsyncClient(timeout=10) as http:
        for subject, name, patches in (
            (DEV_OFFICER, "Development Officer", [CONSOLE_PATCH]),
            (OTHER_OFFICER, "Console Officer Two", ["SK8"]),
        ):
            put = await http.put(
                f"{system.config.api_url('casework')}/v1/officers/{subject}",
                json={"name": name, "patches": patches},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert put.status_code == 200, put.text
