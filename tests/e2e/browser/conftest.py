"""One Chromium for the whole run (Debian's, never a downloaded build); each journey gets a
context of its own. The journeys run against the end-to-end system (tests/e2e/conftest.py),
the resident web site included."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from asb_devtools.runner import System
from asb_shared.testing import TestEnvironment
from browsing import AXE_SCRIPT, CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, spent, taken
from e2e_system import ORG
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
