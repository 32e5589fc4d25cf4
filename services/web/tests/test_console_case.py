"""The console's case page against the real casework: what it shows (the careful marker, the
officer's task, no email offered where email is unsafe), and the forms that work a case from
first contact to closure, with casework's refusals shown as the page's own."""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from datetime import UTC, datetime, timedelta

import httpx
from asb_shared.auth import Role
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import eventually
from casework_samples import sql
from console_samples import CAREFUL, CONSOLE_ORG, Console, csrf_of, open_case, staff_of
from gateway_samples import Gateway
from PIL import Image

UK_NOW = datetime.now(UTC)


def when(minutes_ago: int = 5) -> dict[str, str]:
    from zoneinfo import ZoneInfo

    local = (datetime.now(UTC) - timedelta(minutes=minutes_ago)).astimezone(
        ZoneInfo("Europe/London")
    )
    return {"day": local.date().isoformat(), "time": local.strftime("%H:%M")}


async def test_the_case_page_shows_the_case(console: Console) -> None:
    case_id, reference = await open_case(console)
    page = await console.client.get(f"/cases/{case_id}")
    assert page.status_code == 200, page.text[:500]
    assert 'id="case-reference"' in page.text
    assert reference in page.text
    assert "Morgan Whitfield" in page.text
    assert 'id="careful-marker"' not in page.text
    # A plain case offers email where the complainant marked it safe.
    form = page.text.split('name="contact-form" value="contact-1"')[1].split("</form>")[0]
    assert 'value="email"' in form
    assert 'id="risk-feels_unsafe"' in page.text


async def test_a_careful_case_is_unmistakable_and_offers_no_email(console: Console) -> None:
    case_id, _ = await open_case(
        console, categories=(AsbCategory.DOMESTIC_ABUSE,), preferences=CAREFUL
    )
    page = await console.client.get(f"/cases/{case_id}")
    assert page.status_code == 200, page.text[:500]
    assert 'id="careful-marker"' in page.text
    assert "Domestic abuse" in page.text
    task = page.text.split('id="officer-task-1"')[1].split("</div>")[0]
    assert "Call on the safe number between 10:00 and 12:00, Monday to Friday" in task
    assert "Do not leave a voicemail" in task
    form = page.text.split('name="contact-form" value="contact-1"')[1].split("</form>")[0]
    assert 'value="phone"' in form
    assert 'value="email"' not in form and 'value="letter"' not in form
    assert "morgan@example.org" not in page.text


async def test_another_landlords_case_is_not_found(console: Console) -> None:
    case_id, _ = await open_case(console)
    page = await console.client.get(f"/cases/{case_id}", headers={"X-Test-Staff": "other_landlord"})
    assert page.status_code == 404
    assert "Page not found" in page.text
    assert "Morgan Whitfield" not in page.text


async def test_an_officer_works_a_case_through_the_forms(console: Console) -> None:
    case_id, _ = await open_case(console)
    page = (await console.client.get(f"/cases/{case_id}")).text
    token = csrf_of(page)
    at = when()

    contact = await console.client.post(
        f"/cases/{case_id}/contacts",
        data={
            "csrf_token": token,
            "contact-form": "contact-1",
            "contact-1-with": "complainant",
            "contact-1-method": "phone",
            "contact-1-day": at["day"],
            "contact-1-time": at["time"],
            "contact-1-summary": "Called Morgan: noise most nights after 11pm.",
        },
    )
    assert contact.status_code == 303, contact.text[:800]
    assert contact.headers["location"] == f"/cases/{case_id}?done=contacts#contacts"

    risk = await console.client.post(
        f"/cases/{case_id}/risk",
        data={"csrf_token": token, "risk-feels_unsafe": "yes", "risk-threatened": "yes"},
    )
    assert risk.status_code == 303, risk.text[:800]

    plan = await console.client.post(
        f"/cases/{case_id}/action-plan",
        data={
            "csrf_token": token,
            "plan-action-1": "Keep a noise diary",
            "plan-owner-1": "Morgan Whitfield",
            "plan-due-1": (UK_NOW + timedelta(days=14)).date().isoformat(),
            "plan-contact-method": "phone",
            "plan-frequency": "7",
            "plan-day": at["day"],
            "plan-time": at["time"],
        },
    )
    assert plan.status_code == 303, plan.text[:800]

    intervention = await console.client.post(
        f"/cases/{case_id}/interventions",
        data={
            "csrf_token": token,
            "intervention-kind": "warning_letter",
            "intervention-date": at["day"],
            "intervention-owner": "Test officer",
        },
    )
    assert intervention.status_code == 303, intervention.text[:800]

    shown = (await console.client.get(f"/cases/{case_id}")).text
    assert "Called Morgan: noise most nights after 11pm." in shown
    assert re.search(r'id="risk-result">Score <strong>\d+</strong>, level <strong>high', shown)
    assert "Keep a noise diary" in shown
    assert "Warning letter" in shown.split('id="interventions-table"')[1].split("</table>")[0]
    assert 'id="case-status">Interventions<' in shown

    closed = await console.client.post(
        f"/cases/{case_id}/closure",
        data={
            "csrf_token": token,
            "closure-anonymous": "no",
            "closure-outcome": "resolved",
            "closure-reason": "The noise has stopped since the warning letter.",
            "closure-day": at["day"],
            "closure-time": at["time"],
            "closure-method": "phone",
        },
    )
    assert closed.status_code == 303, closed.text[:800]
    final = (await console.client.get(f"/cases/{case_id}")).text
    assert 'id="case-status">Resolved<' in final
    assert 'id="case-outcome">Resolved' in final
    assert 'id="reopen-case"' in final and 'id="close-case"' not in final


async def test_a_refused_step_shows_what_is_allowed_now(console: Console) -> None:
    case_id, _ = await open_case(console, status="resolved")
    page = (await console.client.get(f"/cases/{case_id}")).text
    assert 'id="agree-plan"' not in page  # not offered: the case's allowed_commands
    at = when()
    # Posted anyway (an old page, another tab): casework's 409, shown with the steps allowed.
    refused = await console.client.post(
        f"/cases/{case_id}/action-plan",
        data={
            "csrf_token": csrf_of(page),
            "plan-action-1": "Keep a noise diary",
            "plan-owner-1": "Morgan",
            "plan-due-1": (UK_NOW + timedelta(days=7)).date().isoformat(),
            "plan-contact-method": "phone",
            "plan-frequency": "7",
            "plan-day": at["day"],
            "plan-time": at["time"],
        },
    )
    assert refused.status_code == 409, refused.text[:800]
    allowed = refused.text.split('id="allowed-now"')[1].split("</ul>")[0]
    assert "Reopen" in allowed


async def test_bad_input_is_the_error_summary_on_the_field(console: Console) -> None:
    case_id, _ = await open_case(console)
    page = (await console.client.get(f"/cases/{case_id}")).text
    refused = await console.client.post(
        f"/cases/{case_id}/interventions",
        data={
            "csrf_token": csrf_of(page),
            "intervention-kind": "civil_injunction",
            "intervention-date": when()["day"],
            "intervention-owner": "Test officer",
        },
    )
    assert refused.status_code == 422, refused.text[:800]
    assert "govuk-error-summary" in refused.text
    assert 'href="#intervention-requirements"' in refused.text
    assert 'id="intervention-requirements-error"' in refused.text
    # What was typed is kept.
    assert 'value="civil_injunction" selected' in refused.text


async def test_a_form_without_the_csrf_token_is_refused(console: Console) -> None:
    case_id, _ = await open_case(console)
    refused = await console.client.post(
        f"/cases/{case_id}/reopen", data={"reopen-reason": "Posted from another site"}
    )
    assert refused.status_code == 400


async def test_a_case_is_shared_with_a_partner_and_a_conference_scheduled(
    console: Console,
) -> None:
    gateway = Gateway(console.gateway, console.test_env)
    partner = await gateway.partner(CONSOLE_ORG, name=f"Police {uuid.uuid4().hex[:6]}")
    agreement = await gateway.agreement(CONSOLE_ORG, partner["id"], categories=("noise",))
    case_id, _ = await open_case(console)

    async def shown() -> str | None:
        page = (await console.client.get(f"/cases/{case_id}")).text
        return page if f'value="{agreement["id"]}/{partner["id"]}"' in page else None

    page = await eventually(shown, timeout=20)
    token = csrf_of(page)

    async def shared() -> bool:
        answer = await console.client.post(
            f"/cases/{case_id}/shares",
            data={
                "csrf_token": token,
                "share-agreement": f"{agreement['id']}/{partner['id']}",
                "share-reason": "Joint visit planned with the neighbourhood team.",
            },
        )
        # The gateway knows the case once casework's announcement has reached it.
        return answer.status_code == 303

    await eventually(shared, timeout=20)
    page = (await console.client.get(f"/cases/{case_id}")).text
    table = page.split('id="shares-table"')[1].split("</table>")[0]
    assert "Joint visit planned with the neighbourhood team." in table
    assert "ASB information sharing" in table

    day = (datetime.now(UTC) + timedelta(days=7)).date().isoformat()
    scheduled = await console.client.post(
        f"/cases/{case_id}/conferences",
        data={
            "csrf_token": token,
            "conference-title": "Multi-agency meeting",
            "conference-day": day,
            "conference-time": "10:00",
            "conference-location": "Town hall",
            "conference-agenda": "Noise\nNext steps",
            "conference-invite": partner["id"],
        },
    )
    assert scheduled.status_code == 303, scheduled.text[:800]

    [share_id] = re.findall(r'/shares/([0-9a-f-]{36})/stop"', page)
    stopped = await console.client.post(
        f"/cases/{case_id}/shares/{share_id}/stop",
        data={"csrf_token": token, "stop-reason": "The visit has happened."},
    )
    assert stopped.status_code == 303, stopped.text[:800]
    after = (await console.client.get(f"/cases/{case_id}")).text
    assert "Stopped: The visit has happened." in after


async def test_the_case_shows_its_messages_and_the_task_notifications_set(
    console: Console,
) -> None:
    case_id, _ = await open_case(
        console, categories=(AsbCategory.DOMESTIC_ABUSE,), preferences=CAREFUL
    )

    async def with_messages() -> str | None:
        # The acknowledgement is shown from its creation; the dispatcher's decision follows.
        page = (await console.client.get(f"/cases/{case_id}")).text
        table = page.split('id="messages-table"')[1].split("</table>")[0]
        return page if "withheld" in table else None

    page = await eventually(with_messages, timeout=30)
    table = page.split('id="messages-table"')[1].split("</table>")[0]
    # Notifications withheld the acknowledgement (email is unsafe, a call is the officer's) and
    # says why; its task for the officer is on the complainant's card too.
    assert "withheld" in table and "email not used: marked unsafe" in table
    task = page.split('id="officer-task-1"')[1].split("</div>")[0]
    assert "Call them on the safe number (weekdays 10:00 to 12:00)" in task


async def test_an_intervention_gets_its_outcome(console: Console) -> None:
    case_id, _ = await open_case(console)
    token = csrf_of((await console.client.get(f"/cases/{case_id}")).text)
    added = await console.client.post(
        f"/cases/{case_id}/interventions",
        data={
            "csrf_token": token,
            "intervention-kind": "mediation_referral",
            "intervention-date": when()["day"],
            "intervention-owner": "Test officer",
        },
    )
    assert added.status_code == 303, added.text[:800]
    page = (await console.client.get(f"/cases/{case_id}")).text
    [intervention_id] = re.findall(r'/interventions/([0-9a-f-]{36})/outcome"', page)
    recorded = await console.client.post(
        f"/cases/{case_id}/interventions/{intervention_id}/outcome",
        data={
            "csrf_token": token,
            "outcome": "Both sides met and agreed quiet hours.",
            "mediation-result": "agreement_reached",
        },
    )
    assert recorded.status_code == 303, recorded.text[:800]
    table = (await console.client.get(f"/cases/{case_id}")).text.split('id="interventions-table"')[
        1
    ]
    assert "Both sides met and agreed quiet hours. (Agreement reached)" in table


async def test_an_anonymous_case_closes_as_information_only_after_a_try_to_corroborate(
    console: Console,
) -> None:
    case_id, _ = await open_case(console, anonymous=True)
    page = (await console.client.get(f"/cases/{case_id}")).text
    assert "Anonymous report: nobody may be contacted or identified." in page
    assert 'id="closure-day"' not in page  # no discussion with a complainant to record
    token = csrf_of(page)
    close = {
        "csrf_token": token,
        "closure-anonymous": "yes",
        "closure-outcome": "information_only",
        "closure-reason": "Nobody could confirm what was reported.",
    }
    refused = await console.client.post(f"/cases/{case_id}/closure", data=close)
    assert refused.status_code == 409, refused.text[:800]
    assert 'id="not-allowed"' in refused.text

    at = when()
    tried = await console.client.post(
        f"/cases/{case_id}/corroboration",
        data={
            "csrf_token": token,
            "corroboration-method": "patrol",
            "corroboration-what": "Evening patrol of the landing",
            "corroboration-day": at["day"],
            "corroboration-time": at["time"],
            "corroboration-result": "Quiet throughout.",
        },
    )
    assert tried.status_code == 303, tried.text[:800]
    closed = await console.client.post(f"/cases/{case_id}/closure", data=close)
    assert closed.status_code == 303, closed.text[:800]
    final = (await console.client.get(f"/cases/{case_id}")).text
    assert 'id="case-status">Information only<' in final
    assert "Evening patrol of the landing" in final


async def test_a_referral_is_made_and_its_progress_shown(console: Console) -> None:
    case_id, _ = await open_case(console)
    token = csrf_of((await console.client.get(f"/cases/{case_id}")).text)
    referred = await console.client.post(
        f"/cases/{case_id}/referrals",
        data={
            "csrf_token": token,
            "referral-kind": "engagement",
            "referral-person": "Sam Subject",
            "referral-reason": "Drinking and noise; wants help to keep the tenancy.",
        },
    )
    assert referred.status_code == 303, referred.text[:800]
    page = (await console.client.get(f"/cases/{case_id}")).text
    listed = page.split('id="referrals-list"')[1].split("</ul>")[0]
    assert "Positive Engagement Service: Sam Subject" in listed
    assert 'id="referral-progress"' in page


async def test_a_stored_evidence_file_is_downloaded_and_each_opening_audited(
    console: Console,
) -> None:
    case_id, _ = await open_case(console, status="investigating")
    photo = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(photo, format="PNG")
    officer = staff_of(console.test_env, Role.OFFICER, CONSOLE_ORG)
    added = await console.casework.post(
        f"/v1/cases/{case_id}/evidence/files",
        files={"file": ("door.png", photo.getvalue(), "image/png")},
        data={"description": "Photo door.png of the damage", "kind": "photo"},
        headers=officer.bearer,
    )
    assert added.status_code == 201, added.text
    item = added.json()

    page = await console.client.get(f"/cases/{case_id}")
    register = page.text.split('id="evidence-table"')[1].split("</table>")[0]
    link = f'href="/cases/{case_id}/evidence/{item["id"]}/file"'
    assert 'id="evidence-file-1"' in register and link in register

    opened = await console.client.get(f"/cases/{case_id}/evidence/{item['id']}/file")
    assert opened.status_code == 200
    assert opened.headers["content-type"] == "image/png"
    assert opened.headers["content-disposition"].startswith("attachment")
    assert 'filename="Photo door.png of the damage"' in opened.headers["content-disposition"]
    assert opened.headers["x-content-type-options"] == "nosniff"
    assert opened.headers["cache-control"] == "no-store"
    assert hashlib.sha256(opened.content).hexdigest() == item["sha256"]

    async def openings() -> list[str]:
        rows = await sql(
            console.test_env,
            "SELECT actor FROM sensitive_reads WHERE case_id = $1 AND resource = 'evidence_file'",
            uuid.UUID(case_id),
        )
        return [r["actor"] for r in rows]

    assert await openings() == [officer.subject]

    # Another landlord's officer gets "not found", not the file, and no opening is recorded.
    theirs = await console.client.get(
        f"/cases/{case_id}/evidence/{item['id']}/file", headers={"X-Test-Staff": "other_landlord"}
    )
    assert theirs.status_code == 404 and "Page not found" in theirs.text
    assert theirs.headers["content-type"].startswith("text/html")
    missing = await console.client.get(f"/cases/{case_id}/evidence/{uuid.uuid4()}/file")
    assert missing.status_code == 404
    assert await openings() == [officer.subject]


async def test_the_case_page_is_five_calls_made_together(console: Console) -> None:
    """Casework's overview, notifications' messages and the gateway's three sharing reads: one
    round of calls, not sixteen (the case, then eleven casework reads beside the others)."""
    case_id, reference = await open_case(console)
    calls: list[tuple[str, str]] = []
    apis = console.app.state.apis
    hooks = []
    for api in (apis.casework, apis.notifications, apis.partner_gateway):

        async def seen(request: httpx.Request, name: str = api.name) -> None:
            calls.append((name, request.url.path))

        api.client.event_hooks["request"].append(seen)
        hooks.append((api, seen))
    try:
        page = await console.client.get(f"/cases/{case_id}")
    finally:
        for api, seen in hooks:
            api.client.event_hooks["request"].remove(seen)
    assert page.status_code == 200 and reference in page.text
    assert sorted(calls) == sorted(
        [
            ("casework", f"/v1/cases/{case_id}/overview"),
            ("notifications", f"/v1/cases/{case_id}/messages"),
            ("partner-gateway", f"/v1/cases/{case_id}/shares"),
            ("partner-gateway", f"/v1/cases/{case_id}/conference-actions"),
            ("partner-gateway", "/v1/agreements"),
        ]
    )
