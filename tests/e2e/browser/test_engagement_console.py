"""The Positive Engagement pages of the staff console in a real browser (Debian's Chromium
through Playwright), against the whole system: a case's officer refers the subject through
casework's API, the PEO signs in through the development identity provider and works the
referral to a Positive Requirement Report; an officer reaches the same client and sees its
status only. Every page is checked with axe-core and photographed (tests/e2e/browsing.py)."""

from __future__ import annotations

import io
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from asb_devtools.runner import System
from asb_shared.testing import TestEnvironment, eventually
from browsing import StaffPage
from e2e_system import ORG
from playwright.async_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.e2e


def _bearer(test_env: TestEnvironment, role: str, subject: str = "e2e-staff") -> dict[str, str]:
    return {"Authorization": f"Bearer {test_env.token(role, organisation_id=ORG, subject=subject)}"}


async def _referred(system: System, test_env: TestEnvironment, person: str) -> str:
    """A resident's report opens a case; its officer refers the subject to the Positive
    Engagement Service through casework (as the engagement journeys do); the referral's id once
    engagement has it."""
    cfg = system.config
    officer = _bearer(test_env, "officer")
    async with httpx.AsyncClient(timeout=15) as http:
        made = await http.post(
            f"{cfg.api_url('intake')}/v1/reports",
            json={
                "organisation_id": str(ORG),
                "categories": ["noise"],
                "description": "Shouting and banging from the flat above, worse when drinking.",
                "location": {
                    "address": f"{uuid.uuid4().hex[:6]} Engagement Row, Stockport",
                    "postcode": "SK4 2AA",
                },
                "occurred_at": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
                "reporter": {"name": "Robin Resident", "email": "robin@example.org"},
            },
        )
        assert made.status_code == 201, made.text

        async def case() -> dict[str, Any] | None:
            page = (
                await http.get(
                    f"{cfg.api_url('casework')}/v1/cases",
                    params={"report_reference": made.json()["reference"]},
                    headers=officer,
                )
            ).json()
            return page["items"][0] if page["items"] else None

        opened = await eventually(case, timeout=30)
        referred = await http.post(
            f"{cfg.api_url('casework')}/v1/cases/{opened['id']}/referrals",
            json={
                "kind": "engagement",
                "person_name": person,
                "reason": "Parties linked to drinking; the tenancy is at risk.",
            },
            headers=officer,
        )
        assert referred.status_code == 201, referred.text
        referral = str(referred.json()["id"])
        peo = _bearer(test_env, "peo")

        async def arrived() -> bool:
            got = await http.get(
                f"{cfg.api_url('engagement')}/v1/referrals/{referral}", headers=peo
            )
            return got.status_code == 200

        await eventually(arrived, timeout=30)
    return referral


async def _budget_with_300_left(system: System, test_env: TestEnvironment) -> None:
    """The year's practical support budget, set by a team leader through engagement's API: £300
    more than is committed already, a team leader approving spends above £200."""
    today = date.today()
    year = today.year if today.month >= 4 else today.year - 1
    url = f"{system.config.api_url('engagement')}/v1/budgets/{year}"
    leader = _bearer(test_env, "team_leader")
    async with httpx.AsyncClient(timeout=15) as http:
        now = await http.get(url, headers=leader)
        committed = float(now.json()["committed"]) if now.status_code == 200 else 0.0
        put = await http.put(
            url,
            json={"total": f"{committed + 300:.2f}", "approval_threshold": "200.00"},
            headers=leader,
        )
        assert put.status_code == 200, put.text


async def test_a_peo_works_a_referral_to_the_report_and_an_officer_sees_status_only(
    system: System, test_env: TestEnvironment, staff_page: StaffPage
) -> None:
    person = f"Jordan {uuid.uuid4().hex[:6]}"
    referral = await _referred(system, test_env, person)
    await _budget_with_300_left(system, test_env)
    today = date.today()

    # A PEO signing in is shown the pages their role may use.
    peo = await staff_page("peo")
    page = peo.page
    await page.locator("#your-pages").get_by_role("link", name="Positive engagement").click()
    await expect(page.locator("#referrals-table")).to_be_visible()
    await peo.seen("referrals and clients")
    row = page.locator("#referrals-table tr", has_text=person)
    await row.get_by_role("link", name=person).click()
    await expect(page.locator("#referral-name")).to_have_text(person)
    await peo.seen("referral")
    assert referral in page.url
    await page.get_by_label("Alcohol use contributes to the behaviour").check()
    await page.get_by_label("The tenancy is at risk because of the behaviour").check()
    await page.get_by_label("Accept", exact=True).check()
    await page.locator("#decide").click()
    await expect(page.locator("#client-name")).to_have_text(person)
    await expect(page.locator("#client-status")).to_have_text("Awaiting consent")
    await peo.seen("client awaiting consent")
    client_url = page.url
    reference = (await page.locator("#client-reference").inner_text()).strip()

    # Consent: who (the client, filled in), how, when (now).
    await page.locator("#consent-method").select_option("in_person")
    await page.locator("#consent-note").fill("Talked it through at home.")
    await page.locator("#record-consent").click()
    await expect(page.locator("#client-status")).to_have_text("Engaged")
    await expect(page.locator("#consents")).to_contain_text("In person")
    await peo.seen("consent recorded")

    # The needs assessment: the landlord's question set as a form, scored by area.
    if not await page.locator("#answer-alcohol-use").is_visible():
        await page.locator("#assessment-form summary").click()
    await page.locator("#answer-alcohol-use-4").check()  # daily
    await page.locator("#answer-alcohol-impact-3").check()  # serious
    await page.locator("#note-alcohol").fill("Drinks from the morning.")
    await page.locator("#record-assessment").click()
    scores = page.locator("#assessment-scores")
    await expect(scores).to_contain_text("Alcohol")
    await expect(scores).to_contain_text("High")
    await peo.seen("assessment recorded")

    # The plan starts from the areas of need.
    await expect(page.locator("#plan-from-needs")).to_contain_text("Alcohol (high)")
    await expect(page.locator("#goal-1-title")).to_have_value("Reduce the impact of alcohol")
    await page.locator("#goal-1-action").fill("Attend the alcohol service weekly")
    await page.locator("#goal-1-due").fill((today + timedelta(days=7)).isoformat())
    await page.locator("#next-review-on").fill((today + timedelta(days=14)).isoformat())
    await page.locator("#agree-plan").click()
    await expect(page.locator("#plan-number")).to_contain_text("Plan 1")
    await expect(page.locator("#plan-actions")).to_contain_text("Attend the alcohol service")
    await peo.seen("plan agreed")

    # A court order with its positive requirement, then a compliance check.
    await page.locator("#order-court").fill("Stockport County Court")
    await page.locator("#order-made-on").fill((today - timedelta(days=7)).isoformat())
    await page.locator("#requirement-kind").select_option("alcohol_service")
    await page.locator("#requirement-description").fill("Attend the alcohol service weekly")
    await page.locator("#record-order").click()
    await expect(page.locator("#order-1")).to_contain_text("Civil injunction")
    await peo.seen("order recorded")
    await page.locator("#record-compliance-1-1").click()
    await expect(page.locator("#compliance-rate-1-1")).to_contain_text("100%")
    await peo.seen("compliance recorded")

    # A spend within what is left, then one over it: refused, engagement's words on the page.
    async def spend(amount: str) -> None:
        await page.locator("#spend-category").select_option("target_hardening")
        await page.locator("#spend-amount").fill(amount)
        await page.locator("#spend-supplier").fill("Stockport Locks")
        await page.locator("#spend-description").fill("A door closer for the flat")
        await page.locator("#record-spend").click()

    await spend("180.00")
    await expect(page.locator("#client-spends")).to_contain_text("£180.00")
    await expect(page.locator("#budget-remaining")).to_contain_text("£120.00")
    await peo.seen("spend approved")
    await spend("150.00")
    summary = page.locator(".govuk-error-summary")
    await expect(summary).to_contain_text("only £120.00 of the budget is left")
    await expect(page.locator("#spend-amount-error")).to_be_visible()
    await expect(page.locator("#spend-supplier")).to_have_value("Stockport Locks")
    await peo.seen("spend refused")

    # The Positive Requirement Report: its preview, then the PDF engagement renders.
    await page.locator("#report-link").click()
    await expect(page.locator("#report-preview")).to_contain_text("Attend the alcohol service")
    await peo.seen("report preview")
    await page.locator("#recommendation").fill("Continue the positive requirement.")
    await page.locator("#make-report").click()
    await expect(page.locator("#download-report-1")).to_be_visible()
    await peo.seen("report made")
    async with page.expect_download() as downloading:
        await page.locator("#download-report-1").click()
    download = await downloading.value
    path = await download.path()
    assert path is not None
    content = path.read_bytes()
    assert content.startswith(b"%PDF"), content[:20]
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    assert reference in re.sub(r"\s+", "", text) or reference in text, text[:500]

    # The team leader's view of the year's budget: what is left, by category, and the spends.
    leader = await staff_page("team_leader", "/engagement/budget")
    await expect(leader.page.locator("#budget-left")).to_have_text("£120.00")
    await expect(leader.page.locator("#spend-list")).to_contain_text("Stockport Locks")

    # An officer reaches the same client: status and outcome only.
    officer = await staff_page("officer", urlsplit(client_url).path)
    seen = officer.page
    await expect(seen.locator("#client-status")).to_have_text("Engaged")
    await expect(seen.locator("#confidential")).to_be_visible()
    body = await seen.locator("main").inner_text()
    for confidential in (person, "Drinks from the morning", "Stockport Locks", "alcohol"):
        assert confidential.lower() not in body.lower(), confidential
