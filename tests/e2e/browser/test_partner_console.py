"""A partner agency's member of staff in the console, in a real browser (Debian's Chromium
through Playwright) against the whole system: signed in through the landlord's (development)
identity provider as acting for their partner, they see a case shared with the agency without
what the agreement leaves out, add an update the officer sees on the case page, and see nothing
once the agreement is withdrawn. Every page checked with axe-core and photographed."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from asb_devtools.runner import System
from asb_shared.testing import TestEnvironment, eventually
from browsing import StaffPage, set_users_partner
from e2e_system import CONSOLE_PATCH, ORG
from playwright.async_api import expect

pytestmark = pytest.mark.e2e


def _bearer(test_env: TestEnvironment, role: str) -> dict[str, str]:
    token = test_env.token(role, organisation_id=ORG, subject=f"e2e-{role}")
    return {"Authorization": f"Bearer {token}"}


async def _shared_case(
    system: System, test_env: TestEnvironment, complainant: str
) -> dict[str, Any]:
    """A named resident's report (in the console's patch) and its case, shared with a police
    partner under an agreement of the reference, status and categories only."""
    cfg = system.config
    gateway, casework = cfg.api_url("partner-gateway"), cfg.api_url("casework")
    admin = _bearer(test_env, "admin")
    async with httpx.AsyncClient(timeout=15) as http:
        police = await http.post(
            f"{gateway}/v1/partners",
            json={
                "name": f"Stockport Police {uuid.uuid4().hex[:4]}",
                "kind": "police",
                "admin_email": "asb@police.example.org",
            },
            headers=admin,
        )
        assert police.status_code == 201, police.text
        today = date.today()
        agreement = await http.post(
            f"{gateway}/v1/agreements",
            json={
                "partner_id": police.json()["id"],
                "title": "Noise nuisance information sharing",
                "parties": ["Landlord", "Stockport Police"],
                "purpose": "Preventing and tackling anti-social behaviour",
                "lawful_basis": ["Crime and Disorder Act 1998 s115"],
                "categories": ["noise"],
                "fields": ["reference", "status", "categories"],
                "scopes": ["cases:read", "cases:write", "conferences"],
                "starts_on": (today - timedelta(days=1)).isoformat(),
                "review_on": (today + timedelta(days=90)).isoformat(),
                "expires_on": (today + timedelta(days=365)).isoformat(),
            },
            headers=admin,
        )
        assert agreement.status_code == 201, agreement.text
        report = await http.post(
            f"{cfg.api_url('intake')}/v1/reports",
            json={
                "organisation_id": str(ORG),
                "categories": ["noise"],
                "description": "Bass through the ceiling until 4am, most nights this month.",
                "location": {
                    "address": f"{uuid.uuid4().hex[:6]} Partner Street, Stockport",
                    "postcode": f"{CONSOLE_PATCH} 2BB",
                },
                "occurred_at": "2026-11-28T01:00:00Z",
                "reporter": {"name": complainant, "email": "resident@example.org"},
            },
        )
        assert report.status_code == 201, report.text

        async def case() -> dict[str, Any] | None:
            page = (
                await http.get(
                    f"{casework}/v1/cases",
                    params={"report_reference": report.json()["reference"]},
                    headers=_bearer(test_env, "officer"),
                )
            ).json()
            return page["items"][0] if page.get("items") else None

        found: dict[str, Any] = await eventually(case, timeout=60, interval=0.5)

        async def shared() -> bool:
            answer = await http.post(
                f"{gateway}/v1/cases/{found['id']}/shares",
                json={
                    "partner_id": police.json()["id"],
                    "agreement_id": agreement.json()["id"],
                    "reason": "Joint visit planned",
                },
                headers=_bearer(test_env, "officer"),
            )
            assert answer.status_code in (201, 404), answer.text  # 404 until projected
            return answer.status_code == 201

        await eventually(shared, timeout=30, interval=0.5)
        conference = await http.post(
            f"{gateway}/v1/cases/{found['id']}/conferences",
            json={
                "title": "Bass at night: partners meet",
                "scheduled_at": "2027-01-12T10:00:00Z",
                "location": "Stockport Town Hall, room 4",
                "agenda": ["Incidents since the visit", "Enforcement options"],
                "invite": [police.json()["id"]],
            },
            headers=_bearer(test_env, "officer"),
        )
        assert conference.status_code == 201, conference.text
        action = await http.post(
            f"{gateway}/v1/conferences/{conference.json()['id']}/actions",
            json={
                "description": "Patrol the street at night for two weeks",
                "owner_partner_id": police.json()["id"],
                "due_on": (today + timedelta(days=14)).isoformat(),
            },
            headers=_bearer(test_env, "officer"),
        )
        assert action.status_code == 201, action.text
    return {
        **found,
        "partner_id": police.json()["id"],
        "partner_name": police.json()["name"],
        "agreement_id": agreement.json()["id"],
    }


async def test_a_partner_reads_a_shared_case_redacted_updates_it_and_loses_it_at_withdrawal(
    system: System, test_env: TestEnvironment, staff_page: StaffPage, officers: None
) -> None:
    complainant = f"Robin Hartley{uuid.uuid4().hex[:4]}"
    case = await _shared_case(system, test_env, complainant)
    await set_users_partner(system.config.idp_url, case["partner_id"])

    partner = await staff_page("partner_staff", "/partner")
    page = partner.page
    await expect(page.locator("#shared-cases")).to_contain_text(case["reference"])
    await page.locator("#shared-cases a", has_text=case["reference"]).click()
    await expect(page.locator("#case-summary")).to_contain_text("Noise")
    # The agreement leaves the complainant out: never on the page, and the page says so.
    await expect(page.locator("main")).not_to_contain_text(complainant)
    await page.locator("#withheld summary").click()
    await expect(page.locator("#withheld")).to_contain_text("Complainant's name")
    await partner.seen("shared case")

    await page.locator("#update-kind-2").check()
    await page.locator("#update-action").select_option("joint_visit_done")
    await page.locator("#update-text").fill("Joint visit with the housing officer; music off.")
    await page.locator("#add-update").click()
    await expect(page.locator("#update-list")).to_contain_text("music off")
    await expect(page.locator("#update-list")).to_contain_text("Development Partner Officer")
    await partner.seen("update added")

    # The conference it is invited to, with the action it owns to update; no referrals (the
    # agreement gives none).
    await page.locator("nav a", has_text="Case conferences").click()
    await page.locator("#conferences a", has_text="Bass at night").click()
    await expect(page.locator("main")).to_contain_text("Patrol the street at night")
    await partner.seen("conference")
    await page.locator("nav a", has_text="Safeguarding referrals").click()
    await expect(page.locator("#not-in-force")).to_be_visible()
    await partner.seen("referrals")

    async def on_timeline() -> bool:
        async with httpx.AsyncClient(timeout=10) as http:
            entries = (
                await http.get(
                    f"{system.config.api_url('casework')}/v1/cases/{case['id']}/timeline",
                    headers=_bearer(test_env, "officer"),
                )
            ).json()
        return any("music off" in str(e.get("summary")) for e in entries)

    await eventually(on_timeline, timeout=30, interval=0.5)
    officer = await staff_page("officer", f"/cases/{case['id']}")
    news = officer.page.locator("#partner-news")
    await expect(news).to_contain_text("music off")
    await expect(news).to_contain_text(case["partner_name"])

    async with httpx.AsyncClient(timeout=10) as http:
        withdrawn = await http.post(
            f"{system.config.api_url('partner-gateway')}/v1/agreements/"
            f"{case['agreement_id']}/withdrawal",
            json={"reason": "The partnership ended"},
            headers=_bearer(test_env, "admin"),
        )
        assert withdrawn.status_code == 200, withdrawn.text
    await page.goto(page.url.split("/partner")[0] + f"/partner/cases/{case['id']}")
    await expect(page.locator("main")).not_to_contain_text("music off")
    await expect(page.locator("h1")).to_contain_text("not found", ignore_case=True)
    await partner.seen("case after withdrawal")
    await page.goto(page.url.split("/partner")[0] + "/partner")
    await expect(page.locator("#not-in-force")).to_be_visible()
    await expect(page.locator("#shared-cases")).not_to_contain_text(case["reference"])
    await partner.seen("shared cases after withdrawal")
