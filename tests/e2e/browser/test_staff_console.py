"""The staff console in a real browser (Debian's Chromium through Playwright), against the whole
system and the development identity provider: staff sign in through the provider's own form,
every page is checked with axe-core and photographed (tests/e2e/browsing.py)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import asyncpg
import httpx
import pytest
from asb_devtools.runner import System
from asb_shared.testing import TestEnvironment, eventually
from browsing import StaffPage, sign_in_at_provider
from e2e_system import CONSOLE_PATCH as PATCH
from e2e_system import DEV_OFFICER as OFFICER
from e2e_system import ORG, OTHER_OFFICER
from playwright.async_api import expect

pytestmark = pytest.mark.e2e


async def _sql(test_env: TestEnvironment, database: str, query: str, *args: object) -> None:
    """A statement on the end-to-end system's database of a service (tests/e2e/conftest.py
    runs the system in the run's ``e2e`` environment)."""
    url = replace(test_env, run_id=f"{test_env.run_id}_e2e").database_url(database)
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        await conn.execute(query, *args)
    finally:
        await conn.close()


def _bearer(test_env: TestEnvironment, role: str, subject: str = "e2e-staff") -> dict[str, str]:
    return {"Authorization": f"Bearer {test_env.token(role, organisation_id=ORG, subject=subject)}"}


async def _case_for_officer(system: System, test_env: TestEnvironment) -> dict[str, Any]:
    """A report through intake's API in the console's patch, and the case it opens, once
    assigned to the development officer."""
    cfg = system.config
    async with httpx.AsyncClient(timeout=10) as http:
        created = await http.post(
            f"{cfg.api_url('intake')}/v1/reports",
            json={
                "organisation_id": str(ORG),
                "categories": ["noise"],
                "description": "Music and shouting from the flat below until 3am, every night.",
                "location": {
                    "address": f"{uuid.uuid4().hex[:6]} Console Street, Stockport",
                    "postcode": f"{PATCH} 1AA",
                },
                "occurred_at": "2026-11-21T00:15:00Z",
                "anonymous": True,
            },
        )
        assert created.status_code == 201, created.text
        reference = created.json()["reference"]

        async def assigned() -> dict[str, Any] | None:
            page = (
                await http.get(
                    f"{cfg.api_url('casework')}/v1/cases",
                    params={"report_reference": reference},
                    headers=_bearer(test_env, "officer"),
                )
            ).json()
            items: list[dict[str, Any]] = page.get("items", [])
            return items[0] if items and items[0]["officer_id"] == OFFICER else None

        found: dict[str, Any] = await eventually(assigned, timeout=60, interval=0.5)
        return found


async def _breached(system: System, test_env: TestEnvironment, case: dict[str, Any]) -> None:
    """Ages the case's running standards past their due time; casework's clock breaches them."""
    await _sql(
        test_env,
        "casework",
        "UPDATE standards SET warn_at = now() - interval '2 hours',"
        " due_at = now() - interval '1 hour' WHERE case_id = $1 AND status = 'running'",
        uuid.UUID(case["id"]),
    )
    async with httpx.AsyncClient(timeout=10) as http:

        async def breached() -> bool:
            page = (
                await http.get(
                    f"{system.config.api_url('casework')}/v1/cases",
                    params={"breached": "true", "open_only": "true", "limit": 200},
                    headers=_bearer(test_env, "team_leader"),
                )
            ).json()
            return any(c["id"] == case["id"] for c in page["items"])

        await eventually(breached, timeout=60, interval=0.5)


async def test_an_officer_signs_in_through_the_provider_and_sees_my_cases(
    staff_page: StaffPage, system: System, test_env: TestEnvironment, officers: None
) -> None:
    case = await _case_for_officer(system, test_env)
    journey = await staff_page("officer")
    page = journey.page
    await expect(page.locator("#signed-in-name")).to_have_text("Development Officer")
    await expect(page.locator("h1")).to_have_text("My cases")
    link = page.locator(f'#my-cases a[href="/cases/{case["id"]}"]')
    await expect(link).to_have_text(case["reference"])
    await expect(page.locator("#count-open")).to_contain_text("open")
    # An officer is offered no team page.
    await expect(page.locator('.govuk-service-navigation a[href="/team"]')).to_have_count(0)

    # The list's filters: a risk this case does not have leaves it out.
    await page.locator("#risk").select_option("high")
    await page.locator("#apply-filters").click()
    await page.wait_for_url(lambda url: "risk=high" in url)
    await expect(page.locator(f'a[href="/cases/{case["id"]}"]')).to_have_count(0)

    # Keyboard only: the skip link comes first, and it leads to the page's content.
    await page.keyboard.press("Tab")
    await expect(page.locator(".govuk-skip-link")).to_be_focused()
    await journey.seen("my cases filtered")


async def test_a_team_leader_sees_a_breach_and_reassigns_a_case(
    staff_page: StaffPage, system: System, test_env: TestEnvironment, officers: None
) -> None:
    case = await _case_for_officer(system, test_env)
    await _breached(system, test_env, case)
    # A tablet's width.
    journey = await staff_page("team_leader", "/team", width=768)
    page = journey.page
    await expect(page.locator("#breaches")).to_contain_text(case["reference"])

    # No reason: the error summary, and nothing changed.
    await page.locator("#case_id").select_option(case["id"])
    await page.locator("#officer_id").select_option(OTHER_OFFICER)
    await page.locator("#reassign").click()
    await expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    await journey.seen("team reassign refused")

    await page.locator("#case_id").select_option(case["id"])
    await page.locator("#officer_id").select_option(OTHER_OFFICER)
    await page.locator("#reason").fill("Rebalancing the team's caseload this week")
    await page.locator("#reassign").click()
    await expect(page.locator("#done")).to_contain_text(f"{case['reference']} is reassigned")
    await journey.seen("team reassigned")
    async with httpx.AsyncClient(timeout=10) as http:
        detail = await http.get(
            f"{system.config.api_url('casework')}/v1/cases/{case['id']}",
            headers=_bearer(test_env, "team_leader"),
        )
    assert detail.json()["officer_id"] == OTHER_OFFICER


async def test_a_session_past_its_idle_timeout_goes_back_to_sign_in(
    staff_page: StaffPage, system: System, test_env: TestEnvironment, console_url: str
) -> None:
    journey = await staff_page("officer", "/?breached=no")
    page = journey.page
    # The session row aged past its idle end, and the provider's own sign-in gone too (else
    # it would sign the officer straight back in).
    await _sql(
        test_env,
        "web",
        "UPDATE staff_sessions SET expires_at = now() - interval '1 second'"
        " WHERE subject = 'dev-officer'",
    )
    await journey.context.clear_cookies(name="asb_idp_session")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    await page.reload()
    await sign_in_at_provider(journey, "officer")
    assert f"{console_url}/sign-in?next=/%3Fbreached%3Dno" in asked
    # Back on the page asked for, its filter kept.
    await page.wait_for_url(f"{console_url}/?breached=no")
    await expect(page.locator("#breached")).to_have_value("no")
    await journey.seen("my cases after signing in again")


async def test_a_form_posted_without_its_csrf_token_is_refused(
    staff_page: StaffPage, system: System, test_env: TestEnvironment, officers: None
) -> None:
    case = await _case_for_officer(system, test_env)
    journey = await staff_page("team_leader", "/team")
    page = journey.page
    await page.evaluate(
        "document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove())"
    )
    await page.locator("#case_id").select_option(case["id"])
    await page.locator("#officer_id").select_option(OTHER_OFFICER)
    await page.locator("#reason").fill("This form has lost its token")
    await page.locator("#reassign").click()
    await expect(page.locator("h1")).to_have_text("The form had expired")
    await journey.seen("form refused")
    async with httpx.AsyncClient(timeout=10) as http:
        detail = await http.get(
            f"{system.config.api_url('casework')}/v1/cases/{case['id']}",
            headers=_bearer(test_env, "team_leader"),
        )
    assert detail.json()["officer_id"] == OFFICER


async def test_signing_out_ends_the_session_at_the_provider_too(
    staff_page: StaffPage, console_url: str
) -> None:
    journey = await staff_page("officer")
    page = journey.page
    await page.locator("#sign-out").click()
    await page.wait_for_url(f"{console_url}/signed-out**")
    await expect(page.locator("h1")).to_have_text("You have signed out")
    await journey.seen("signed out")
    # The console asks for sign-in, and the provider for the password: both sessions ended.
    await page.goto(f"{console_url}/")
    await expect(page.locator("#password")).to_be_visible()
    await journey.seen("identity provider sign-in again")
