"""The console's Positive Engagement pages against the real engagement service in process: a
PEO decides a referral and works the client's record through the forms (consent, assessment,
plan, compliance, spends, the report's PDF); engagement's refusals come back on the page (422 in
the error summary, 409, 404, another landlord's client); a form without its CSRF token is
refused; an officer sees status and outcome only, and a safeguarding lead's read is logged."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from asb_shared.auth import Role
from asb_shared.db import utcnow
from asb_shared.testing import TestEnvironment, migrated_database, service_api, service_worker
from console_samples import CONSOLE_ORG, OTHER_LANDLORD, SignedInAs, csrf_of, staff_of
from engagement.main import definition as engagement
from fastapi import FastAPI
from web.console.engagement.routes import financial_year
from web.console.pages import paths_of
from web.console.routers import ROUTERS
from web.main import definition as web
from web.site.apis import Api, Apis
from web_samples import site_settings

PEO = {"X-Test-Staff": "peo"}
OFFICER = {"X-Test-Staff": "officer"}
LEADER = {"X-Test-Staff": "team_leader"}
OTHER_PEO = {"X-Test-Staff": "other_peo"}


class Pages:
    def __init__(self, client: httpx.AsyncClient, api: httpx.AsyncClient, env: TestEnvironment):
        self.client = client
        self.api = api
        self.env = env

    def bearer(self, role: str, subject: str | None = None) -> dict[str, str]:
        token = self.env.token(
            role, organisation_id=CONSOLE_ORG, subject=subject or f"{role}-console"
        )
        return {"Authorization": f"Bearer {token}"}

    async def post(
        self, path: str, data: dict[str, Any], who: dict[str, str] = PEO, *, csrf: bool = True
    ) -> httpx.Response:
        sent = {**data, "csrf_token": "test-browser-csrf"} if csrf else data
        return await self.client.post(path, data=sent, headers=who)


@pytest.fixture(scope="module")
async def pages(test_env: TestEnvironment) -> AsyncIterator[Pages]:
    settings = site_settings(test_env)
    await migrated_database(test_env, web)
    async with (
        service_api(test_env, engagement) as api,
        service_worker(test_env, engagement),
    ):
        app = FastAPI()
        app.state.settings = settings
        app.state.apis = Apis(
            intake=Api("intake", "http://127.0.0.1:9", 1),
            casework=Api("casework", "http://127.0.0.1:9", 1),
            notifications=Api("notifications", "http://127.0.0.1:9", 1),
            engagement=Api("engagement", "http://engagement", 10, api._transport),
        )
        for router in ROUTERS:
            app.include_router(router)
        app.state.served_paths = paths_of(ROUTERS)
        app.add_middleware(
            SignedInAs,
            staff={
                "peo": staff_of(test_env, Role.PEO, CONSOLE_ORG),
                "officer": staff_of(test_env, Role.OFFICER, CONSOLE_ORG),
                "team_leader": staff_of(test_env, Role.TEAM_LEADER, CONSOLE_ORG),
                "other_peo": staff_of(test_env, Role.PEO, OTHER_LANDLORD),
            },
        )
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                yield Pages(client, api, test_env)
        finally:
            await app.state.apis.close()


async def keyed_referral(pages: Pages, name: str) -> str:
    made = await pages.api.post(
        "/v1/referrals",
        headers=pages.bearer("peo"),
        json={
            "person_name": name,
            "reason": "Shouting at neighbours when drinking; the tenancy is at risk.",
            "criteria": ["alcohol_use"],
            "referred_by": "PC Smith, neighbourhood team",
        },
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def consenting_client(pages: Pages, name: str) -> str:
    referral = await keyed_referral(pages, name)
    decided = await pages.post(
        f"/engagement/referrals/{referral}/decision",
        {"decision": "accepted", "decision-criteria": "alcohol_use"},
    )
    assert decided.status_code == 303, decided.text
    client = decided.headers["location"].rsplit("/", 1)[1]
    consent = await pages.post(
        f"/engagement/clients/{client}/consent",
        {"consent-given-by": name, "consent-method": "in_person", "consent-note": "At home."},
    )
    assert consent.status_code == 303, consent.text
    return client


def errors_in(page: str) -> list[str]:
    summary = page.split('class="govuk-error-summary"', 1)
    assert len(summary) == 2, "no error summary"
    return re.findall(r'<a href="#([^"]+)">', summary[1].split("</ul>", 1)[0])


async def test_referrals_overdue_first_and_a_decision_with_the_criteria(pages: Pages) -> None:
    name = f"Rowan {uuid.uuid4().hex[:6]}"
    late_name = f"Late {uuid.uuid4().hex[:6]}"
    referral = await keyed_referral(pages, name)
    late = await keyed_referral(pages, late_name)
    conn = await asyncpg.connect(pages.env.database_url("engagement").replace("+asyncpg", ""))
    try:
        await conn.execute(
            "UPDATE referrals SET decision_due_at = $2 WHERE id = $1",
            uuid.UUID(late),
            utcnow() - timedelta(days=2),
        )
    finally:
        await conn.close()

    listed = await pages.client.get("/engagement", headers=PEO)
    assert listed.status_code == 200, listed.text[:500]
    assert listed.text.index(late_name) < listed.text.index(name)
    assert "Overdue" in listed.text.split(late_name, 1)[1].split("</tr>", 1)[0]
    assert 'href="/engagement/budget"' in listed.text  # the navigation offers the budget
    assert 'id="clients-supported"' in listed.text  # engagement's measures for the year

    page = await pages.client.get(f"/engagement/referrals/{referral}", headers=PEO)
    assert page.status_code == 200
    assert "Alcohol use contributes to the behaviour" in page.text  # engagement's criteria
    assert 'value="alcohol_use" checked' in page.text
    assert "criteria_not_met" in page.text  # the decline reason codes

    # No criterion met: engagement's 422, on the criteria.
    refused = await pages.post(
        f"/engagement/referrals/{referral}/decision", {"decision": "accepted"}
    )
    assert refused.status_code == 422, refused.text[:500]
    assert errors_in(refused.text) == ["decision-criteria"]
    assert "one of the service&#39;s criteria is met" in refused.text
    # Declining needs a reason code (engagement's rule).
    no_reason = await pages.post(
        f"/engagement/referrals/{referral}/decision", {"decision": "declined"}
    )
    assert no_reason.status_code == 422
    # No decision chosen: the page's own check.
    unread = await pages.post(f"/engagement/referrals/{referral}/decision", {})
    assert unread.status_code == 422 and errors_in(unread.text) == ["decision"]

    accepted = await pages.post(
        f"/engagement/referrals/{referral}/decision",
        {"decision": "accepted", "decision-criteria": ["alcohol_use", "risk_to_tenancy"]},
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"].startswith("/engagement/clients/")
    again = await pages.post(
        f"/engagement/referrals/{referral}/decision",
        {"decision": "declined", "decline-reason": "other"},
    )
    assert again.status_code == 409
    assert "The referral was already accepted." in again.text

    declined = await pages.post(
        f"/engagement/referrals/{late}/decision",
        {"decision": "declined", "decline-reason": "already_supported", "decision-note": "Known"},
    )
    assert declined.status_code == 303 and declined.headers["location"].startswith("/engagement")


async def test_a_peo_works_the_record_from_consent_to_the_report(pages: Pages) -> None:
    name = f"Jordan {uuid.uuid4().hex[:6]}"
    client = await consenting_client(pages, name)
    base = f"/engagement/clients/{client}"
    record = await pages.client.get(base, headers=PEO)
    assert record.status_code == 200, record.text[:500]
    assert name in record.text and "At home." in record.text
    assert 'action="' + base + '/consent/withdrawal"' in record.text  # what engagement allows
    assert 'action="' + base + '/consent"' not in record.text
    csrf_of(record.text)

    # Consent again while engaged: engagement's 409, shown as "not done".
    twice = await pages.post(
        f"{base}/consent", {"consent-given-by": name, "consent-method": "phone"}
    )
    assert twice.status_code == 409 and 'id="not-allowed"' in twice.text

    # The assessment from the question set: an unknown answer is engagement's 422, on its field.
    wrong = await pages.post(f"{base}/assessment", {"answer-alcohol-use": "hourly"})
    assert wrong.status_code == 422
    assert errors_in(wrong.text) == ["answer-alcohol-use"]
    assessed = await pages.post(
        f"{base}/assessment",
        {
            "answer-alcohol-use": "daily",
            "answer-alcohol-impact": "serious",
            "note-alcohol": "Drinks from the morning.",
            "answer-finances_and_debt-rent_arrears": "yes",
            "answer-finances_and_debt-other_debt": "no",
        },
    )
    assert assessed.status_code == 303, assessed.text[:500]
    record = await pages.client.get(base, headers=PEO)
    scores = record.text.split('id="assessment-scores"', 1)[1].split("</table>", 1)[0]
    assert "Alcohol" in scores and ">6<" in scores and "High" in scores
    assert "Finances and debt" in scores and "Medium" in scores
    # The plan's goals start from the areas of need, highest first.
    assert 'value="Reduce the impact of alcohol"' in record.text
    assert 'value="Reduce the impact of finances and debt"' in record.text

    today = utcnow().date()
    past = await pages.post(
        f"{base}/plan",
        {
            "goal-1-title": "Reduce the impact of alcohol",
            "goal-1-action": "Attend the alcohol service",
            "goal-1-owner": "Client",
            "goal-1-due": (today - timedelta(days=3)).isoformat(),
            "next-review-on": (today + timedelta(days=14)).isoformat(),
        },
    )
    assert past.status_code == 422 and errors_in(past.text) == ["goal-1-due"]
    assert 'value="Attend the alcohol service"' in past.text  # what was typed is kept
    planned = await pages.post(
        f"{base}/plan",
        {
            "goal-1-title": "Reduce the impact of alcohol",
            "goal-1-action": "Attend the alcohol service",
            "goal-1-owner": "Client",
            "goal-1-due": (today + timedelta(days=7)).isoformat(),
            "next-review-on": (today + timedelta(days=14)).isoformat(),
        },
    )
    assert planned.status_code == 303, planned.text[:500]
    activity = await pages.post(
        f"{base}/activities",
        {
            "activity-kind": "specialist_referral",
            "activity-on": today.isoformat(),
            "activity-summary": "Referred to the alcohol service.",
            "activity-service": "drug_and_alcohol",
        },
    )
    assert activity.status_code == 303, activity.text[:500]
    order = await pages.post(
        f"{base}/orders",
        {
            "order-kind": "civil_injunction",
            "order-court": "Stockport County Court",
            "order-made-on": (today - timedelta(days=10)).isoformat(),
            "requirement-kind": "alcohol_service",
            "requirement-description": "Attend the alcohol service weekly",
        },
    )
    assert order.status_code == 303, order.text[:500]
    record = await pages.client.get(base, headers=PEO)
    assert "Attend the alcohol service" in record.text.split('id="plan-actions"', 1)[1]
    requirement = re.search(rf'action="{base}/requirements/([0-9a-f-]+)/compliance"', record.text)
    assert requirement
    prefix = f"compliance-{requirement.group(1)}"
    future = await pages.post(
        requirement.group(0).split('"')[1],
        {f"{prefix}-on": (today + timedelta(days=2)).isoformat(), f"{prefix}-status": "complied"},
    )
    assert future.status_code == 422 and errors_in(future.text) == [f"{prefix}-on"]
    checked = await pages.post(
        requirement.group(0).split('"')[1],
        {f"{prefix}-on": today.isoformat(), f"{prefix}-status": "complied"},
    )
    assert checked.status_code == 303
    record = await pages.client.get(base, headers=PEO)
    assert "Complied fully with 100% of checks" in record.text

    preview = await pages.client.get(f"{base}/report", headers=PEO)
    assert preview.status_code == 200
    assert "Attend the alcohol service weekly" in preview.text and "None made yet." in preview.text
    empty = await pages.post(f"{base}/reports", {"recommendation": ""})
    assert empty.status_code == 422 and errors_in(empty.text) == ["recommendation"]
    made = await pages.post(f"{base}/reports", {"recommendation": "Continue the requirement."})
    assert made.status_code == 303
    preview = await pages.client.get(f"{base}/report", headers=PEO)
    link = re.search(rf'href="({base}/reports/[0-9a-f-]+/pdf)"', preview.text)
    assert link, preview.text[-2000:]
    pdf = await pages.client.get(link.group(1), headers=PEO)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("attachment")
    # Another landlord's PEO: the same as no such client.
    assert (await pages.client.get(link.group(1), headers=OTHER_PEO)).status_code == 404


async def test_contact_level_engagement_reviews_and_actions(pages: Pages) -> None:
    client = await consenting_client(pages, f"Alex {uuid.uuid4().hex[:6]}")
    base = f"/engagement/clients/{client}"
    today = utcnow().date()
    never = await pages.post(f"{base}/contact-level", {"level": "Weekly", "every-days": "0"})
    assert never.status_code == 422 and errors_in(never.text) == ["every-days"]
    words = await pages.post(f"{base}/contact-level", {"level": "Weekly", "every-days": "a week"})
    assert words.status_code == 422 and errors_in(words.text) == ["every-days"]
    agreed = await pages.post(
        f"{base}/contact-level", {"level": "Weekly visits", "every-days": "7"}
    )
    assert agreed.status_code == 303
    record = await pages.client.get(base, headers=PEO)
    assert "Weekly visits: at least every 7 days." in record.text

    # No plan yet: a review is engagement's 404 for the plan, shown as not found.
    no_plan = await pages.post(
        f"{base}/plan/reviews", {"review-held-on": today.isoformat(), "review-notes": "Fine"}
    )
    assert no_plan.status_code == 404
    planned = await pages.post(
        f"{base}/plan",
        {
            "goal-1-title": "Keep the tenancy",
            "goal-1-action": "Pay the arrears plan",
            "goal-1-owner": "Client",
            "goal-1-due": (today + timedelta(days=10)).isoformat(),
            "next-review-on": (today + timedelta(days=7)).isoformat(),
        },
    )
    assert planned.status_code == 303
    record = await pages.client.get(base, headers=PEO)
    action = re.search(rf'action="({base}/plan/actions/[0-9a-f-]+/done)"', record.text)
    assert action
    done = await pages.post(action.group(1), {"done-on": today.isoformat()})
    assert done.status_code == 303
    reviewed = await pages.post(
        f"{base}/plan/reviews",
        {"review-held-on": today.isoformat(), "review-notes": "Arrears plan kept to."},
    )
    assert reviewed.status_code == 303
    record = await pages.client.get(base, headers=PEO)
    assert "Arrears plan kept to." in record.text.split('id="plan-reviews"', 1)[1]
    assert f'action="{action.group(1)}"' not in record.text  # done: no button any more

    gone = await pages.post(
        f"{base}/engagement", {"change": "disengaged", "effective-on": today.isoformat()}
    )
    assert gone.status_code == 303
    record = await pages.client.get(base, headers=PEO)
    assert "Disengaged" in record.text.split('id="client-status"', 1)[1].split("</dd>", 1)[0]
    assert 'value="re_engaged"' in record.text  # what engagement allows next
    back_too_soon = await pages.post(
        f"{base}/engagement", {"change": "disengaged", "effective-on": today.isoformat()}
    )
    assert back_too_soon.status_code == 409 and 'id="not-allowed"' in back_too_soon.text


async def test_a_spend_over_what_is_left_is_refused_on_the_page(pages: Pages) -> None:
    year = financial_year(utcnow().date())
    before = await pages.api.get(f"/v1/budgets/{year}", headers=pages.bearer("peo"))
    committed = before.json()["committed"] if before.status_code == 200 else "0"
    budget = await pages.api.put(
        f"/v1/budgets/{year}",
        headers=pages.bearer("team_leader"),
        json={"total": f"{float(committed) + 300:.2f}", "approval_threshold": "200.00"},
    )
    assert budget.status_code == 200, budget.text
    client = await consenting_client(pages, f"Casey {uuid.uuid4().hex[:6]}")
    base = f"/engagement/clients/{client}"
    spend = {
        "spend-category": "target_hardening",
        "spend-supplier": "Locks Ltd",
        "spend-description": "A door closer",
        "spend-on": utcnow().date().isoformat(),
    }
    first = await pages.post(f"{base}/spends", spend | {"spend-amount": "180.00"})
    assert first.status_code == 303, first.text[:500]
    record = await pages.client.get(base, headers=PEO)
    assert "£120.00 of the" in record.text.split('id="budget-remaining"', 1)[1]
    over = await pages.post(f"{base}/spends", spend | {"spend-amount": "150.00"})
    assert over.status_code == 409, over.text[:500]
    assert errors_in(over.text) == ["spend-amount"]
    assert "only £120.00 of the budget is left" in over.text
    assert 'value="Locks Ltd"' in over.text  # what was typed is kept

    bad = await pages.post(f"{base}/spends", spend | {"spend-amount": "lots"})
    assert bad.status_code == 422 and errors_in(bad.text) == ["spend-amount"]

    # Above the threshold: it waits for a team leader, who cannot approve what does not fit.
    big = await pages.post(f"{base}/spends", spend | {"spend-amount": "250.00"})
    assert big.status_code == 303
    budget_page = await pages.client.get("/engagement/budget", headers=LEADER)
    assert budget_page.status_code == 200
    decision = re.search(r'action="(/engagement/spends/([0-9a-f-]+)/decision)"', budget_page.text)
    assert decision, "the team leader is offered the decision"
    peo_view = await pages.client.get("/engagement/budget", headers=PEO)
    assert "/decision" not in peo_view.text  # engagement takes it from a team leader only
    field = f"spend-{decision.group(2)}-approve"
    unread = await pages.post(decision.group(1), {}, LEADER)
    assert unread.status_code == 422 and errors_in(unread.text) == [field]
    approved = await pages.post(decision.group(1), {field: "yes"}, LEADER)
    assert approved.status_code == 409 and "would overspend the budget" in approved.text
    refused = await pages.post(decision.group(1), {field: "no"}, LEADER)
    assert refused.status_code == 303
    twice = await pages.post(decision.group(1), {field: "yes"}, LEADER)
    assert twice.status_code == 409 and "already refused" in twice.text


async def test_an_officer_sees_status_and_outcome_only(pages: Pages) -> None:
    name = f"Morgan {uuid.uuid4().hex[:6]}"
    client = await consenting_client(pages, name)
    base = f"/engagement/clients/{client}"
    seen = await pages.client.get(base, headers=OFFICER)
    assert seen.status_code == 200, seen.text[:500]
    assert "Engaged" in seen.text.split('id="client-status"', 1)[1]
    for confidential in (name, "At home.", "In person", 'action="/engagement'):
        assert confidential not in seen.text, confidential
    # The record's own pages are engagement's to refuse.
    assert (await pages.client.get("/engagement", headers=OFFICER)).status_code == 403
    assert (await pages.client.get(f"{base}/report", headers=OFFICER)).status_code == 403
    spend = await pages.post(
        f"{base}/spends",
        {
            "spend-category": "transport",
            "spend-amount": "1.00",
            "spend-supplier": "Buses",
            "spend-description": "A bus fare",
            "spend-on": utcnow().date().isoformat(),
        },
        OFFICER,
    )
    assert spend.status_code == 403

    # A safeguarding read: only a named lead; the page says the read is logged.
    form = await pages.client.get(f"{base}/safeguarding", headers=OFFICER)
    assert form.status_code == 200 and "logged" in form.text
    reason = {"concern": "child_at_risk", "reason": "A child at the address was hurt."}
    refused = await pages.post(f"{base}/safeguarding", reason, OFFICER)
    assert refused.status_code == 403 and name not in refused.text
    named = await pages.api.put(
        "/v1/safeguarding-leads/officer-console",
        headers=pages.bearer("admin"),
        json={"name": "Test officer"},
    )
    assert named.status_code == 200, named.text
    no_reason = await pages.post(f"{base}/safeguarding", {"concern": "child_at_risk"}, OFFICER)
    assert no_reason.status_code == 422 and errors_in(no_reason.text) == ["reason"]
    read = await pages.post(f"{base}/safeguarding", reason, OFFICER)
    assert read.status_code == 200
    assert name in read.text and 'id="read-logged"' in read.text
    logged = await pages.api.get(
        "/v1/audit/reads",
        headers=pages.bearer("admin"),
        params={"client_id": client, "override_only": "true"},
    )
    assert [r["reason"] for r in logged.json()["items"]] == [reason["reason"]]


async def test_unknown_clients_and_forms_without_their_token(pages: Pages) -> None:
    client = await consenting_client(pages, f"Sam {uuid.uuid4().hex[:6]}")
    missing = await pages.client.get(f"/engagement/clients/{uuid.uuid4()}", headers=PEO)
    assert missing.status_code == 404
    theirs = await pages.client.get(f"/engagement/clients/{client}", headers=OTHER_PEO)
    assert theirs.status_code == 404
    assert (
        await pages.client.get(f"/engagement/referrals/{uuid.uuid4()}", headers=PEO)
    ).status_code == 404

    forged = await pages.post(
        f"/engagement/clients/{client}/outcome",
        {"outcome": "behaviour_stopped", "outcome-on": utcnow().date().isoformat()},
        csrf=False,
    )
    assert forged.status_code == 400
    record = await pages.client.get(f"/engagement/clients/{client}", headers=PEO)
    assert 'id="client-outcome"' not in record.text  # nothing was recorded

    closed = await pages.post(
        f"/engagement/clients/{client}/outcome",
        {"outcome": "behaviour_stopped", "outcome-on": utcnow().date().isoformat()},
    )
    assert closed.status_code == 303
    record = await pages.client.get(f"/engagement/clients/{client}", headers=PEO)
    assert "The behaviour stopped" in record.text
    officer = await pages.client.get(f"/engagement/clients/{client}", headers=OFFICER)
    assert "The behaviour stopped" in officer.text.split('id="client-outcome"', 1)[1]
