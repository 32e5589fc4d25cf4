"""The resident web site in a real browser (Debian's Chromium through Playwright), against the
whole system: every page checked with axe-core and photographed (tests/e2e/browsing.py)."""

from __future__ import annotations

import re

import pytest
from asb_devtools.runner import System
from browsing import open_journey
from playwright.async_api import Browser, expect

pytestmark = pytest.mark.e2e


async def test_the_start_page_in_english_and_welsh_and_an_unknown_landlord(
    browser: Browser, site: str, system: System
) -> None:
    journey = await open_journey(browser, "start")
    page = journey.page
    try:
        await page.goto(site)
        await expect(page.locator("html")).to_have_attribute("lang", "en")
        await expect(page.locator("#start")).to_be_visible()
        await expect(page.get_by_text("999").first).to_be_visible()
        await journey.seen("start")

        await page.locator("#language-cy").click()
        await expect(page.locator("html")).to_have_attribute("lang", "cy")
        await expect(page).to_have_url(site)
        await journey.seen("start-cy")
        await page.locator("#language-en").click()
        await expect(page.locator("html")).to_have_attribute("lang", "en")

        answer = await page.goto(f"{system.config.site_url}/nosuch/")
        assert answer is not None and answer.status == 404
        await expect(page.locator("h1")).to_have_text(re.compile(r"not found", re.I))
        await journey.seen("unknown-landlord")
        journey.all_pages_checked()
    finally:
        await journey.context.close()
