"""The console's case page, search, hotspots map, measures and case reviews in a real browser
(Debian's Chromium through Playwright) against the whole system, signed in through the
development identity provider: every page checked with axe-core and photographed.

``staff_page`` (tests/e2e/browser/conftest.py, with the console's sign-in) is a factory: given a
role (``"officer"``, ``"team_leader"``) it returns a :class:`browsing.Journey` whose page is
signed in to the console. Until that fixture exists these journeys are skipped.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsing import Journey, Report, make_report, open_journey
from e2e_system import CONSOLE_PATCH
from playwright.async_api import Browser, expect

StaffPage = Callable[[str], Awaitable[Journey]]

_SIGN_IN = "def staff_page" in (Path(__file__).parent / "conftest.py").read_text()

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not _SIGN_IN, reason="needs the console sign-in"),
]


def _at(journey: Journey, path: str) -> str:
    """An address of the console the journey is signed in to."""
    parts = urlsplit(journey.page.url)
    return f"{parts.scheme}://{parts.netloc}{path}"


async def _case_by_search(journey: Journey, **fields: str) -> None:
    page = journey.page
    await page.goto(_at(journey, "/search"))
    await journey.seen("search")
    for name, value in fields.items():
        await page.locator(f"#{name}").fill(value)
    await page.locator("#search").click()
    await expect(page.locator("#results")).to_be_visible()
    await journey.seen("search-results")
    await page.locator("#results a").first.click()
    await expect(page.locator("#case-reference")).to_be_visible()
    await journey.seen("case")


async def test_an_officer_works_a_case_from_a_misspelt_name_to_closure(
    browser: Browser, site: str, staff_page: StaffPage, officers: None
) -> None:
    surname = f"Featherstone{uuid.uuid4().hex[:4]}"
    resident = await open_journey(browser, "console-resident")
    officer = await staff_page("officer")
    try:
        await resident.page.goto(site)
        made = await make_report(
            resident,
            # In the development officer's patch: the case is theirs.
            Report(
                name=f"Rosalind {surname}",
                phone="07700 900321",
                safe=["phone"],
                postcode=f"{CONSOLE_PATCH} 1AA",
            ),
        )
        await _case_by_search(officer, name=f"Rosalin {surname}")
        page = officer.page

        if await page.locator("input[name=step-command][value=start_investigation]").count():
            await page.locator("input[name=step-command][value=start_investigation]").check()
            await page.locator("#take-step").click()
            await officer.seen("investigation-started")

        await page.locator("#contact-1-summary").fill("Called: music most nights until 2am.")
        await page.locator("#record-contact-1").click()
        await expect(page.locator("#contacts-table")).to_contain_text("music most nights")
        await officer.seen("first-contact")

        for question in await page.locator("#risk-form fieldset").all():
            await question.locator("input[type=radio]").last.check()
        await page.locator("#score-risk").click()
        await expect(page.locator("#risk-result")).to_contain_text("Score")
        await officer.seen("risk-scored")

        await page.locator("#plan-action-1").fill("Keep a noise diary for two weeks")
        await page.locator("#plan-owner-1").fill("Complainant")
        await page.locator("#plan-due-1").fill("2027-01-15")
        await page.locator("#agree-plan").click()
        await expect(page.locator("#case-status")).to_have_text("Action plan agreed")
        await officer.seen("plan-agreed")

        await page.locator("#intervention-kind").select_option("warning_letter")
        await page.locator("#add-intervention").click()
        await expect(page.locator("#interventions-table")).to_contain_text("Warning letter")
        await officer.seen("intervention-added")

        await page.locator("input[name=closure-outcome][value=resolved]").check()
        await page.locator("#closure-reason").fill("The music stopped after the warning letter.")
        await page.locator("#close-case").click()
        await expect(page.locator("#case-status")).to_have_text("Resolved")
        await officer.seen("closed")

        await resident.page.goto(made["follow_link"])
        await expect(resident.page.locator("#report-status")).to_contain_text(
            "closed", ignore_case=True
        )
        await resident.seen("status-closed")
        officer.all_pages_checked()
    finally:
        await resident.close()
        await officer.close()


async def test_a_careful_case_shows_its_marker_and_task_and_offers_no_email(
    browser: Browser, site: str, staff_page: StaffPage
) -> None:
    resident = await open_journey(browser, "console-careful-resident")
    officer = await staff_page("officer")
    try:
        await resident.page.goto(site)
        made = await make_report(
            resident,
            Report(
                categories=["domestic_abuse"],
                name="Jordan Careful",
                email="jordan@example.org",
                phone="07700 900654",
                safe=["phone"],
                unsafe=["email"],
                preferred="phone",
            ),
        )
        await _case_by_search(officer, reference=made["reference"])
        page = officer.page
        await expect(page.locator("#careful-marker")).to_be_visible()
        await expect(page.locator("#officer-task-1")).to_contain_text("Call on the safe number")
        assert await page.locator("#contact-1-method option[value=email]").count() == 0
        assert "jordan@example.org" not in await page.content()
        officer.all_pages_checked()
    finally:
        await resident.close()
        await officer.close()


async def test_the_map_measures_reviews_and_a_case_not_found(staff_page: StaffPage) -> None:
    officer = await staff_page("officer")
    try:
        page = officer.page
        await page.goto(_at(officer, f"/cases/{uuid.uuid4()}"))
        await expect(page.locator("h1")).to_have_text("Page not found")
        await officer.seen("case-not-found")

        await page.goto(_at(officer, "/hotspots"))
        await expect(page.locator("#hotspots-table")).to_be_visible()
        await expect(page.locator("#hotspot-map")).to_be_visible()
        await officer.seen("hotspots")

        await page.goto(_at(officer, "/measures"))
        await expect(page.locator("svg.asb-chart").first).to_be_visible()
        await officer.seen("measures")

        await page.goto(_at(officer, "/reviews"))
        await expect(page.locator("#reviews-table")).to_be_visible()
        await officer.seen("case-reviews")
        officer.all_pages_checked()
    finally:
        await officer.close()
