"""The landlord administrator's console in a real browser against the whole system, signed in
through the development identity provider; every page checked with axe-core and photographed.

One journey: a policy setting changed and a template changed (previewed first), both in the
change history; a partner, an agreement and credentials whose secret is shown once and not on
the partner's page, however often it is loaded.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from browsing import Journey, StaffPage
from playwright.async_api import expect

pytestmark = pytest.mark.e2e


def _at(journey: Journey, path: str) -> str:
    parts = urlsplit(journey.page.url)
    return f"{parts.scheme}://{parts.netloc}{path}"


async def _policy_and_template(journey: Journey) -> None:
    page = journey.page
    target = str(random.randint(30, 90))
    await page.locator("#resolve_target_days").fill(target)
    await page.locator("#reason").fill("The board set a new resolution target")
    await page.locator("#save-policy").click()
    await expect(page.locator("#value-resolve_target_days")).to_have_text(target)
    await expect(page.locator("#history")).to_be_visible()
    await journey.seen("policy changed")

    marker = uuid.uuid4().hex[:6]
    await page.goto(_at(journey, "/admin/templates/case_review_appeal/en"))
    await journey.seen("template")
    await page.locator("#subject").fill(f"Your appeal ({marker})")
    await expect(page.locator("#save-template")).to_have_count(0)
    await page.locator("#preview-template").click()
    await expect(page.locator("#preview-subject")).to_have_text(f"Your appeal ({marker})")
    await journey.seen("template preview")
    await page.locator("#save-template").click()
    await expect(page.locator("#versions-table")).to_contain_text(f"Your appeal ({marker})")
    await journey.seen("template saved")

    await page.goto(_at(journey, "/admin/history"))
    history = page.locator("#change-history")
    await expect(history).to_contain_text("Template: case review appeal (en)")
    await expect(history).to_contain_text("The board set a new resolution target")
    await expect(history).to_contain_text("Target average days to resolve a case")
    await journey.seen("change history")


async def _partner_agreement_and_credentials(journey: Journey) -> None:
    page = journey.page
    name = f"Greater Test Police {uuid.uuid4().hex[:4]}"
    await page.goto(_at(journey, "/admin/partners"))
    await journey.seen("partners")
    await page.locator("#partner-name").fill(name)
    await page.locator("#partner-kind").select_option("police")
    await page.locator("#partner-email").fill("asb.admin@police.example")
    await page.locator("#add-partner-button").click()
    await expect(page.locator("#partner-name")).to_have_text(name)
    await journey.seen("partner")
    partner_url = page.url

    await page.locator("#new-agreement").click()
    await journey.seen("new agreement")
    today = date.today()
    await page.locator("#title").fill("Neighbourhood ASB sharing")
    await page.locator("#parties").fill(f"Development landlord\n{name}")
    await page.locator("#purpose").fill("Working together on noise and nuisance cases")
    await page.locator("#lawful-basis").fill("Crime and Disorder Act 1998 s115")
    await page.locator("input[name=categories][value=noise]").check()
    for field in ("reference", "status", "officer"):
        await page.locator(f"input[name=fields][value='{field}']").check()
    await page.locator("input[name=scopes][value='cases:read']").check()
    await page.locator("#starts-on").fill(today.isoformat())
    await page.locator("#review-on").fill((today + timedelta(days=180)).isoformat())
    await page.locator("#expires-on").fill((today + timedelta(days=365)).isoformat())
    await page.locator("#make-agreement").click()
    fields = page.locator("#agreement-fields")
    await expect(fields).to_contain_text("The case reference")
    await expect(fields).not_to_contain_text("complainant")
    await expect(page.locator("#agreement-state")).to_contain_text("In force")
    await journey.seen("agreement")

    await page.goto(partner_url)
    await page.locator("#client-name").fill("Police case system")
    await page.locator("#issue-credentials").click()
    secret = (await page.locator("#client-secret").inner_text()).strip()
    assert len(secret) >= 20
    await journey.seen("secret shown once")
    await page.locator("#done").click()
    await expect(page.locator("#credentials")).to_be_visible()
    await journey.seen("partner with credentials")
    assert secret not in await page.content()
    await page.reload()
    await expect(page.locator("#partner-name")).to_have_text(name)
    await journey.seen("partner reloaded")
    assert secret not in await page.content()
    assert await page.locator("#client-secret").count() == 0


async def _the_other_pages(journey: Journey) -> None:
    """The logs, officers, question sets and safeguarding leads: each loads and is accessible."""
    page = journey.page
    for path, shows in (
        ("/admin/audit", "#audit-table"),
        ("/admin/audit/engagement-reads", "#reads-table"),
        ("/admin/officers", "#officers-table"),
        ("/admin/question-sets", "#question-set-version"),
        ("/admin/question-sets/needs", "#area-drugs"),
        ("/admin/safeguarding-leads", "#leads-table"),
    ):
        await page.goto(_at(journey, path))
        await expect(page.locator(shows)).to_be_visible()
        await journey.seen(path)


async def test_an_admin_changes_policy_and_templates_and_sets_up_a_partner(
    staff_page: StaffPage,
) -> None:
    journey = await staff_page("admin", "/admin/policy/change")
    await _policy_and_template(journey)
    await _partner_agreement_and_credentials(journey)
    await _the_other_pages(journey)


async def test_a_platform_admin_sees_the_landlords_what_they_buy_and_their_history(
    staff_page: StaffPage,
) -> None:
    journey = await staff_page("platform_admin", "/platform/landlords")
    page = journey.page
    await expect(page.locator("#landlords-table")).to_contain_text("ETOE")
    await page.locator("#landlords-table a", has_text="ETOE").first.click()
    await expect(page.locator("#landlord-history")).to_be_visible()
    await expect(page.locator("#landlord-services-now")).to_contain_text("Partner gateway")
    await journey.seen("landlord")
