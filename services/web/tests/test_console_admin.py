"""The administrators' pages against the real casework, notifications and partner gateway:
a policy setting changed (and a bad one refused on its field), a template previewed then saved,
both in the change history; a partner, an agreement in plain words and credentials whose secret
is shown once only; what an officer or another landlord's administrator may not do."""

from __future__ import annotations

import html
import random
import re
import string
import uuid
from datetime import date, timedelta

import httpx
import pytest
from console_samples import CONSOLE_ORG, Console, csrf_of
from web.console.admin import history, policy_form, question_form
from web.console.fields import Unreadable

ADMIN = {"X-Test-Staff": "admin"}
OFFICER = {"X-Test-Staff": "officer"}


async def _form(console: Console, path: str, who: dict[str, str] = ADMIN) -> tuple[str, str]:
    shown = await console.client.get(path, headers=who)
    assert shown.status_code == 200, shown.text[:800]
    return shown.text, csrf_of(shown.text)


async def _post(
    console: Console, path: str, data: dict[str, object], who: dict[str, str] = ADMIN
) -> httpx.Response:
    _, token = await _form(console, "/admin" if who is ADMIN else "/reviews", who)
    return await console.client.post(path, data={**data, "csrf_token": token}, headers=who)


def _policy_values(page: str) -> dict[str, str]:
    """The change form's fields as they are filled."""
    found = dict(re.findall(r'name="([a-z_]+-[a-z_-]+|[a-z_]+)" type="text" value="([^"]*)"', page))
    for name in re.findall(r'<select class="govuk-select" id="([^"]+)"', page):
        block = page.split(f'id="{name}"', 1)[1].split("</select>", 1)[0]
        chosen = re.search(r'value="([^"]+)" selected', block)
        found[name] = chosen.group(1) if chosen else "no"
    return found


async def test_a_policy_change_is_a_new_version_with_what_changed_and_who(
    console: Console,
) -> None:
    home = await console.client.get("/admin", headers=ADMIN)
    assert home.status_code == 200 and 'href="/admin/policy"' in home.text

    page, token = await _form(console, "/admin/policy/change")
    values = _policy_values(page)
    assert values["standards-first_contact"] and "calendar-opens" in values
    target = str(int(values.get("resolve_target_days") or "40") + 1)
    values["resolve_target_days"] = target
    saved = await console.client.post(
        "/admin/policy/change",
        data={**values, "reason": "Board set a new target", "csrf_token": token},
        headers=ADMIN,
    )
    assert saved.status_code == 303, saved.text[:1500]

    policy = await console.client.get("/admin/policy", headers=ADMIN)
    assert policy.status_code == 200
    assert f'id="value-resolve_target_days">{target}<' in policy.text
    latest = policy.text.split('id="history"', 1)[1]
    assert "Board set a new target" in latest and "admin-console" in latest
    assert "Target average days to resolve a case" in latest and f">{target}<" in latest

    history = await console.client.get("/admin/history", headers=ADMIN)
    changes = history.text.split('id="change-history"', 1)[1]
    assert "Policy settings" in changes and "Board set a new target" in changes

    # Inconsistent settings: casework's 422, on the field it names; nothing saved.
    values["contact_frequency-high_risk_working_days"] = "15"
    refused = await console.client.post(
        "/admin/policy/change",
        data={**values, "reason": "Try slower contact", "csrf_token": token},
        headers=ADMIN,
    )
    assert refused.status_code == 422, refused.text[:800]
    assert 'href="#contact_frequency-high_risk_working_days"' in refused.text
    assert 'value="15"' in refused.text
    again = await console.client.get("/admin/policy", headers=ADMIN)
    assert "Try slower contact" not in again.text

    # A list of days, one a line; a day that is no day is refused on its field.
    values["contact_frequency-high_risk_working_days"] = values[
        "contact_frequency-default_working_days"
    ]
    closed = await console.client.post(
        "/admin/policy/change",
        data={
            **values,
            "calendar-closure_days": "2031-12-29\n2031-12-31",
            "reason": "Office shut between Christmas and New Year",
            "csrf_token": token,
        },
        headers=ADMIN,
    )
    assert closed.status_code == 303, closed.text.split("govuk-error-summary__list")[-1][:600]
    shut = await console.client.get("/admin/policy", headers=ADMIN)
    assert 'id="value-calendar-closure_days">2031-12-29, 2031-12-31<' in shut.text
    no_day = await console.client.post(
        "/admin/policy/change",
        data={**values, "calendar-closure_days": "31 June", "reason": "Typo", "csrf_token": token},
        headers=ADMIN,
    )
    assert no_day.status_code == 422 and 'href="#calendar-closure_days"' in no_day.text

    # Not a number: the 422 names the field too.
    values["contact_frequency-high_risk_working_days"] = "weekly"
    bad = await console.client.post(
        "/admin/policy/change",
        data={**values, "reason": "Typo", "csrf_token": token},
        headers=ADMIN,
    )
    assert bad.status_code == 422 and 'href="#contact_frequency-high_risk_working_days"' in bad.text


async def test_an_officer_may_read_the_policy_but_not_change_it(console: Console) -> None:
    assert (await console.client.get("/admin", headers=OFFICER)).status_code == 403
    page, token = await _form(console, "/admin/policy/change")
    values = _policy_values(page)
    refused = await console.client.post(
        "/admin/policy/change",
        data={**values, "reason": "Not mine to change", "csrf_token": token},
        headers=OFFICER,
    )
    assert refused.status_code == 403
    # Without the form's token the change is not even tried.
    forged = await console.client.post(
        "/admin/policy/change", data={**values, "reason": "Forged"}, headers=ADMIN
    )
    assert forged.status_code == 400


async def test_a_template_is_previewed_then_saved_and_the_history_shows_it(
    console: Console,
) -> None:
    listed = await console.client.get("/admin/templates", headers=ADMIN)
    assert listed.status_code == 200
    assert 'href="/admin/templates/case_review_appeal/en"' in listed.text

    path = "/admin/templates/case_review_appeal/en"
    _, token = await _form(console, path)
    marker = uuid.uuid4().hex[:8]
    draft = {
        "subject": f"Your appeal {marker}",
        "body": "Hello {{ name }}, your reference is {{ reference }}.",
        "fields": "name\nreference",
        "csrf_token": token,
    }
    preview = await console.client.post(f"{path}/preview", data=draft, headers=ADMIN)
    assert preview.status_code == 200, preview.text[:800]
    assert 'id="preview-subject">Your appeal ' + marker in preview.text
    assert "Hello Sam, your reference is ASB-2026-000123." in preview.text
    assert 'id="save-template"' in preview.text
    # Previewing saves nothing.
    assert f"Your appeal {marker}" not in (await console.client.get(path, headers=ADMIN)).text

    # A field used but not declared: notifications' 422, on the form.
    undeclared = await console.client.post(
        f"{path}/preview", data={**draft, "fields": "name"}, headers=ADMIN
    )
    assert undeclared.status_code == 422, undeclared.text[:800]
    assert "govuk-error-summary" in undeclared.text and 'id="preview"' not in undeclared.text

    saved = await console.client.post(path, data=draft, headers=ADMIN)
    assert saved.status_code == 303, saved.text.split("govuk-error-summary__list")[-1][:600]
    shown = await console.client.get(path, headers=ADMIN)
    versions = shown.text.split('id="versions-table"', 1)[1]
    assert f"Your appeal {marker}" in versions and "admin-console" in versions

    history = await console.client.get("/admin/history", headers=ADMIN)
    assert history.status_code == 200
    listed_changes = history.text.split('id="change-history"', 1)[1]
    assert "Template: case review appeal (en)" in listed_changes

    # Another language: opened from the list, English's to start from, saved as its own.
    opened = await console.client.get(
        "/admin/templates/open",
        params={"kind": "case_review_appeal", "language": "PL"},
        headers=ADMIN,
    )
    assert opened.status_code == 303
    assert opened.headers["location"] == "/admin/templates/case_review_appeal/pl"
    polish = await console.client.get(opened.headers["location"], headers=ADMIN)
    assert "the English one is sent" in polish.text
    no_code = await console.client.get(
        "/admin/templates/open",
        params={"kind": "case_review_appeal", "language": "Polish!"},
        headers=ADMIN,
    )
    assert no_code.status_code == 422 and 'href="#language"' in no_code.text

    # A path that could be no template's is not passed on.
    odd = await console.client.get("/admin/templates/Case-Closed/en", headers=ADMIN)
    assert odd.status_code == 404
    unknown = await console.client.get("/admin/templates/no_such_message/en", headers=ADMIN)
    assert unknown.status_code in (400, 404) and "Your appeal" not in unknown.text

    # An officer reads templates but may not preview or save one.
    refused = await _post(console, path, draft | {"csrf_token": ""}, who=OFFICER)
    assert refused.status_code == 403


async def test_a_partner_agreement_and_credentials_whose_secret_is_shown_once(
    console: Console,
) -> None:
    bad = await _post(
        console,
        "/admin/partners",
        {"partner-name": "Test Police", "partner-kind": "police", "partner-email": "nope"},
    )
    assert bad.status_code == 422 and 'href="#partner-email"' in bad.text

    name = f"Test Police {uuid.uuid4().hex[:6]}"
    made = await _post(
        console,
        "/admin/partners",
        {"partner-name": name, "partner-kind": "police", "partner-email": "asb@police.example"},
    )
    assert made.status_code == 303, made.text[:800]
    partner_path = made.headers["location"]
    partner_id = partner_path.rsplit("/", 1)[1]
    listed = await console.client.get("/admin/partners", headers=ADMIN)
    assert name in listed.text

    today = date.today()
    agreement = {
        "title": "ASB information sharing",
        "parties": "Console Homes\n" + name,
        "purpose": "Reducing ASB in shared neighbourhoods",
        "lawful-basis": "Crime and Disorder Act 1998 s115",
        "categories": ["noise"],
        "fields": ["reference", "status", "officer"],
        "scopes": ["cases:read"],
        "starts-on": today.isoformat(),
        "review-on": (today + timedelta(days=180)).isoformat(),
        "expires-on": (today + timedelta(days=365)).isoformat(),
    }
    backwards = await _post(
        console,
        f"/admin/partners/{partner_id}/agreements",
        agreement | {"expires-on": (today - timedelta(days=1)).isoformat()},
    )
    assert backwards.status_code == 422, backwards.text[:800]
    assert "govuk-error-summary" in backwards.text and 'value="noise" checked' in backwards.text

    recorded = await _post(console, f"/admin/partners/{partner_id}/agreements", agreement)
    assert recorded.status_code == 303, recorded.text[:800]
    shown = await console.client.get(recorded.headers["location"], headers=ADMIN)
    allowed = shown.text.split('id="agreement-fields"', 1)[1].split("</ul>", 1)[0]
    assert "The case reference" in allowed and "The name of the landlord" in allowed
    assert "complainant" not in allowed
    assert 'id="agreement-state">In force' in shown.text

    page, _ = await _form(console, partner_path)
    key = re.search(r'name="idempotency-key" value="([^"]+)"', page.split("issue-credentials")[0])
    assert key
    issue = {"client-name": "Police case system", "idempotency-key": key.group(1)}
    issued = await _post(console, f"/admin/partners/{partner_id}/credentials", issue)
    assert issued.status_code == 200, issued.text[:800]
    secret = re.search(r'id="client-secret">([^<]+)<', issued.text)
    assert secret and len(secret.group(1)) >= 20
    again = await console.client.get(partner_path, headers=ADMIN)
    assert "Police case system" in again.text and secret.group(1) not in again.text
    # The same form sent again issues nothing new and shows no secret.
    replayed = await _post(console, f"/admin/partners/{partner_id}/credentials", issue)
    assert replayed.status_code == 200 and 'id="client-secret"' not in replayed.text
    assert "already issued" in replayed.text
    assert again.text.count('class="govuk-summary-card"') == 1

    # A partner system's failed sign-in is in the access log, on the page and in the CSV.
    client_id = re.search(r'id="client-id">([^<]+)<', issued.text)
    assert client_id
    await console.gateway.post(
        "/partner/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client_id.group(1),
            "client_secret": "not-the-secret",
        },
    )
    log = await console.client.get(
        "/admin/audit", params={"partner_id": partner_id, "outcome": "refused"}, headers=ADMIN
    )
    assert log.status_code == 200, log.text[:800]
    rows = log.text.split('id="audit-table"', 1)[1]
    assert client_id.group(1) in rows and "Refused (401)" in rows
    assert secret.group(1) not in log.text
    csv_link = re.search(r'href="(/admin/audit/partner-access.csv[^"]*)"', log.text)
    assert csv_link and "outcome=refused" in csv_link.group(1)
    exported = await console.client.get(csv_link.group(1).replace("&amp;", "&"), headers=ADMIN)
    assert exported.status_code == 200 and "text/csv" in exported.headers["content-type"]
    assert client_id.group(1) in exported.text and exported.text.startswith("id,at,")
    bad_day = await console.client.get("/admin/audit", params={"from": "31/02"}, headers=ADMIN)
    assert bad_day.status_code == 422 and 'href="#from"' in bad_day.text

    client_pk = re.search(r'action="/admin/partner-clients/([^/]+)/rotation"', again.text)
    assert client_pk
    too_long = await _post(
        console,
        f"/admin/partner-clients/{client_pk.group(1)}/rotation",
        {"partner-id": partner_id, f"overlap-{client_pk.group(1)}": "100000"},
    )
    assert too_long.status_code == 422, too_long.text[:600]
    assert f'href="#overlap-{client_pk.group(1)}"' in too_long.text
    assert 'id="client-secret"' not in too_long.text
    rotated = await _post(
        console,
        f"/admin/partner-clients/{client_pk.group(1)}/rotation",
        {"partner-id": partner_id, f"overlap-{client_pk.group(1)}": "2"},
    )
    new_secret = re.search(r'id="client-secret">([^<]+)<', rotated.text)
    assert new_secret and new_secret.group(1) != secret.group(1)

    revoked = await _post(
        console,
        f"/admin/partner-clients/{client_pk.group(1)}/revocation",
        {"partner-id": partner_id},
    )
    assert revoked.status_code == 303
    after = await console.client.get(partner_path, headers=ADMIN)
    assert "Revoked" in after.text and "rotation" not in after.text

    # A review: the dates the gateway refuses are shown on their field, the others kept.
    agreement_path = recorded.headers["location"]
    crossed = await _post(
        console,
        agreement_path + "/dates",
        {
            "new-review-on": (today + timedelta(days=400)).isoformat(),
            "new-expires-on": (today + timedelta(days=365)).isoformat(),
        },
    )
    assert crossed.status_code == 422 and 'href="#new-review-on"' in crossed.text
    reviewed = await _post(
        console,
        agreement_path + "/dates",
        {
            "new-review-on": (today + timedelta(days=90)).isoformat(),
            "new-expires-on": (today + timedelta(days=365)).isoformat(),
        },
    )
    assert reviewed.status_code == 303, reviewed.text[:600]
    after_review = await console.client.get(agreement_path, headers=ADMIN)
    assert (today + timedelta(days=90)).isoformat() in after_review.text

    withdrawn = await _post(
        console,
        recorded.headers["location"] + "/withdrawal",
        {"withdraw-reason": "The partnership has ended"},
    )
    assert withdrawn.status_code == 303
    ended = await console.client.get(recorded.headers["location"], headers=ADMIN)
    assert 'id="agreement-state">Withdrawn' in ended.text


async def test_an_officer_and_another_landlord_see_no_partners(console: Console) -> None:
    made = await _post(
        console,
        "/admin/partners",
        {
            "partner-name": "Council ASB",
            "partner-kind": "council_asb",
            "partner-email": "a@b.example",
        },
    )
    partner_path = made.headers["location"]
    officer = await console.client.get("/admin/partners", headers=OFFICER)
    assert officer.status_code == 403 and "Council ASB" not in officer.text
    log = await console.client.get("/admin/audit", headers=OFFICER)
    assert log.status_code == 403
    csv_file = await console.client.get("/admin/audit/partner-access.csv", headers=OFFICER)
    assert csv_file.status_code == 403
    other = await console.client.get(partner_path, headers={"X-Test-Staff": "other_admin"})
    assert other.status_code == 404 and "Council ASB" not in other.text


async def test_an_officer_is_added_with_patches_skills_and_team_then_changed(
    console: Console,
) -> None:
    subject = f"officer-{uuid.uuid4().hex[:8]}"
    officer = {
        "officer-subject": subject,
        "officer-name": "Priya Castellano",
        "officer-team": "North",
        "officer-patches": "ze9, ze8",
        "officer-skills": "domestic_abuse",
        "officer-active": "no",
    }
    bad = await _post(console, "/admin/officers", officer | {"officer-patches": "nowhere"})
    assert bad.status_code == 422, bad.text[:800]
    assert 'href="#officer-patches"' in bad.text and 'value="nowhere"' in bad.text

    saved = await _post(console, "/admin/officers", officer)
    assert saved.status_code == 303, saved.text.split("govuk-error-summary__list")[-1][:600]
    listed = await console.client.get("/admin/officers", headers=ADMIN)
    row = listed.text.split("Priya Castellano", 1)[1].split("</tr>", 1)[0]
    assert "ZE9, ZE8" in row and "domestic abuse" in row and "Does not take them" in row

    chosen = await console.client.get("/admin/officers", params={"officer": subject}, headers=ADMIN)
    assert f'value="{subject}"' in chosen.text and 'value="ZE9 ZE8"' in chosen.text
    changed = await _post(console, "/admin/officers", officer | {"officer-team": "South"})
    assert changed.status_code == 303, changed.text.split("govuk-error-summary__list")[-1][:600]
    again = await console.client.get("/admin/officers", headers=ADMIN)
    assert "South" in again.text.split("Priya Castellano", 1)[1].split("</tr>", 1)[0]

    refused = await _post(console, "/admin/officers", officer, who=OFFICER)
    assert refused.status_code == 403


async def test_a_platform_admin_adds_a_landlord_changes_what_it_buys_and_sees_the_history(
    console: Console,
) -> None:
    platform = {"X-Test-Staff": "platform_admin"}
    _, token = await _form(console, "/platform/landlords", platform)
    prefix = "".join(random.choice(string.ascii_uppercase) for _ in range(6))
    name = f"Riverside Homes {prefix}"
    bad = await console.client.post(
        "/platform/landlords",
        data={"landlord-name": name, "landlord-prefix": "1x", "csrf_token": token},
        headers=platform,
    )
    assert bad.status_code == 422 and 'href="#landlord-prefix"' in bad.text

    made = await console.client.post(
        "/platform/landlords",
        data={
            "landlord-name": name,
            "landlord-prefix": prefix,
            "landlord-services": ["engagement"],
            "landlord-active": "yes",
            "csrf_token": token,
        },
        headers=platform,
    )
    assert made.status_code == 303, made.text[:800]
    path = made.headers["location"]
    listed = await console.client.get("/platform/landlords", headers=platform)
    assert name in listed.text

    changed = await console.client.post(
        path,
        data={
            "landlord-name": name,
            "landlord-services": ["engagement", "partner-gateway"],
            "landlord-active": "no",
            "csrf_token": token,
        },
        headers=platform,
    )
    assert changed.status_code == 303, changed.text[:800]
    shown = await console.client.get(path, headers=platform)
    assert 'id="landlord-state">Not active' in shown.text
    assert "Partner gateway" in shown.text.split('id="landlord-services-now"', 1)[1]
    history = shown.text.split('id="landlord-history"', 1)[1]
    assert "Active: yes to no" in history and "platform_admin-console" in history
    assert history.index(">2<") < history.index(">1<")

    # A landlord's own administrator does not run the platform.
    for who in (ADMIN, OFFICER):
        refused = await console.client.get("/platform/landlords", headers=who)
        assert refused.status_code == 403 and name not in refused.text


def test_a_question_set_reads_back_from_its_own_form() -> None:
    definition = {
        "medium_from": 4,
        "high_from": 8,
        "questions": [
            {
                "id": "threats",
                "text": "Has anyone threatened violence?",
                "answers": {"Yes": 5, "No": 0},
                "high_if": ["Yes"],
            }
        ],
    }
    values = question_form.form_values(definition)
    assert values["q1-answers"] == "Yes: 5 (high)\nNo: 0"
    values |= {"q2-text": "Are children in the home at risk?", "q2-answers": "Yes: 4\nNo: 0"}
    read = question_form.question_set(values, 2)
    assert read["questions"][0] == definition["questions"][0]
    assert read["questions"][1]["id"] == "are_children_in_the_home_at_risk"
    assert read["questions"][1]["high_if"] == []
    with pytest.raises(Unreadable) as bad:
        question_form.question_set(values | {"q1-answers": "Yes five"}, 2)
    assert bad.value.field == "q1-answers"
    assert question_form.field_of("questions.1.answers.Yes") == "q2-answers"


async def test_an_admin_publishes_a_risk_question_set_and_a_bad_one_is_refused(
    console: Console,
) -> None:
    # Another landlord's set: the console's own landlord keeps the default its cases use.
    admin = {"X-Test-Staff": "other_admin"}
    page, token = await _form(console, "/admin/question-sets", admin)
    version = re.search(r'id="question-set-version">(?:Version (\d+)|The platform)', page)
    assert version
    count = int(re.search(r'name="count" value="(\d+)"', page).group(1))  # type: ignore[union-attr]
    values = {
        name: html.unescape(value)
        for name, value in re.findall(r'name="([a-z0-9-]+)"[^>]*value="([^"]*)"', page)
        if name not in ("csrf_token",)
    }
    for n in range(1, count):
        block = page.split(f'name="q{n}-answers"', 1)[1].split("</textarea>", 1)[0]
        values[f"q{n}-answers"] = html.unescape(block.split(">", 1)[1]).strip()
    wording = f"Has the complainant moved home because of this {uuid.uuid4().hex[:4]}?"
    values |= {f"q{count}-text": wording, f"q{count}-answers": "Yes: 2\nNo: 0"}

    inverted = await console.client.post(
        "/admin/question-sets/risk",
        data=values | {"high-from": "1", "medium-from": "5", "csrf_token": token},
        headers=admin,
    )
    assert inverted.status_code == 422, inverted.text[:600]
    assert "govuk-error-summary" in inverted.text and wording in inverted.text

    published = await console.client.post(
        "/admin/question-sets/risk", data=values | {"csrf_token": token}, headers=admin
    )
    assert published.status_code == 303, published.text.split("govuk-error-summary__list")[-1][:600]
    shown = await console.client.get("/admin/question-sets", headers=admin)
    now = re.search(r'id="question-set-version">Version (\d+)', shown.text)
    assert now and int(now.group(1)) == int(version.group(1) or 0) + 1
    assert wording in shown.text

    refused = await console.client.post(
        "/admin/question-sets/risk", data=values | {"csrf_token": token}, headers=OFFICER
    )
    assert refused.status_code == 403


async def test_the_engagement_read_log_shows_who_read_a_record_and_downloads_as_csv(
    console: Console,
) -> None:
    engagement = console.app.state.apis.engagement
    reader = f"peo-{uuid.uuid4().hex[:6]}"
    peo = {
        "Authorization": "Bearer "
        + console.test_env.token("peo", organisation_id=CONSOLE_ORG, subject=reader)
    }
    referral = await engagement.call(
        "POST",
        "/v1/referrals",
        headers=peo,
        json={
            "person_name": "Jo Client",
            "reason": "Noise and threats when drinking.",
            "criteria": ["alcohol_use"],
            "referred_by": "PC Smith, neighbourhood team",
        },
    )
    accepted = await engagement.call(
        "POST",
        f"/v1/referrals/{referral['id']}/decision",
        headers=peo,
        json={"decision": "accepted"},
    )
    await engagement.call("GET", f"/v1/clients/{accepted['client_id']}", headers=peo)

    log = await console.client.get(
        "/admin/audit/engagement-reads", params={"actor": reader}, headers=ADMIN
    )
    assert log.status_code == 200, log.text[:800]
    rows = log.text.split('id="reads-table"', 1)[1]
    assert reader in rows and "Jo Client" not in rows
    link = re.search(r'href="(/admin/audit/engagement-reads.csv[^"]*)"', log.text)
    assert link and f"actor={reader}" in link.group(1)
    exported = await console.client.get(link.group(1).replace("&amp;", "&"), headers=ADMIN)
    assert exported.status_code == 200 and "text/csv" in exported.headers["content-type"]
    assert reader in exported.text

    nobody = await console.client.get(
        "/admin/audit/engagement-reads", params={"actor": "nobody-read"}, headers=ADMIN
    )
    assert reader not in nobody.text and "No reads logged for these choices" in nobody.text
    refused = await console.client.get("/admin/audit/engagement-reads", headers=OFFICER)
    assert refused.status_code == 403


def _filled(page: str) -> dict[str, object]:
    """A form's fields as the page fills them: inputs (``area`` repeated) and textareas."""
    found: dict[str, object] = {}
    for name, value in re.findall(r'<input[^>]*name="([a-z0-9_-]+)"[^>]*value="([^"]*)"', page):
        if name == "csrf_token":
            continue
        if name in found:
            previous = found[name]
            found[name] = [*(previous if isinstance(previous, list) else [previous]), value]
        else:
            found[name] = html.unescape(value)
    for name, value in re.findall(
        r'<textarea[^>]*name="([a-z0-9_-]+)"[^>]*>([^<]*)</textarea>', page
    ):
        found[name] = html.unescape(value).strip()
    return found


async def test_an_admin_publishes_the_needs_assessment_questions(console: Console) -> None:
    admin = {"X-Test-Staff": "other_admin"}
    page, token = await _form(console, "/admin/question-sets/needs", admin)
    version = re.search(r'id="question-set-version">(?:Version (\d+)|The platform)', page)
    assert version and 'id="area-drugs"' in page
    values = _filled(page)
    count = int(str(values["drugs-count"]))
    wording = f"Has drug use led to debt {uuid.uuid4().hex[:4]}?"
    values |= {f"drugs-q{count}-text": wording, f"drugs-q{count}-answers": "Yes: 2\nNo: 0"}

    high = await console.client.post(
        "/admin/question-sets/needs",
        data=values | {f"drugs-q{count}-answers": "Yes: 2 (high)", "csrf_token": token},
        headers=admin,
    )
    assert high.status_code == 422 and f'href="#drugs-q{count}-answers"' in high.text

    published = await console.client.post(
        "/admin/question-sets/needs", data=values | {"csrf_token": token}, headers=admin
    )
    assert published.status_code == 303, published.text.split("govuk-error-summary__list")[-1][:600]
    shown = await console.client.get("/admin/question-sets/needs", headers=admin)
    now = re.search(r'id="question-set-version">Version (\d+)', shown.text)
    assert now and int(now.group(1)) == int(version.group(1) or 0) + 1
    assert wording in shown.text

    refused = await console.client.post(
        "/admin/question-sets/needs", data=values | {"csrf_token": token}, headers=OFFICER
    )
    assert refused.status_code == 403


async def test_a_partners_webhook_endpoint_and_its_deliveries_are_shown_without_its_secret(
    console: Console,
) -> None:
    made = await _post(
        console,
        "/admin/partners",
        {"partner-name": "Hooked Police", "partner-kind": "police", "partner-email": "h@p.example"},
    )
    partner_path = made.headers["location"]
    partner_id = partner_path.rsplit("/", 1)[1]
    empty = await console.client.get(partner_path, headers=ADMIN)
    assert "None registered." in empty.text.split('id="webhooks-table"', 1)[1]

    today = date.today()
    agreement = await _post(
        console,
        f"/admin/partners/{partner_id}/agreements",
        {
            "title": "Webhook sharing",
            "parties": "Console Homes\nHooked Police",
            "purpose": "Being told of changes to shared cases",
            "lawful-basis": "Crime and Disorder Act 1998 s115",
            "categories": ["noise"],
            "fields": ["reference", "status"],
            "scopes": ["cases:read", "webhooks"],
            "starts-on": today.isoformat(),
            "review-on": (today + timedelta(days=30)).isoformat(),
            "expires-on": (today + timedelta(days=60)).isoformat(),
        },
    )
    assert agreement.status_code == 303, agreement.text[:600]
    issued = await _post(
        console, f"/admin/partners/{partner_id}/credentials", {"client-name": "Hooks system"}
    )
    client_id = re.search(r'id="client-id">([^<]+)<', issued.text)
    secret = re.search(r'id="client-secret">([^<]+)<', issued.text)
    assert client_id and secret
    token = await console.gateway.post(
        "/partner/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client_id.group(1),
            "client_secret": secret.group(1),
        },
    )
    assert token.status_code == 200, token.text
    registered = await console.gateway.post(
        "/partner/v1/webhook-endpoints",
        json={"url": "http://127.0.0.1:9/asb", "event_types": ["case.shared"]},
        headers={
            "Authorization": f"Bearer {token.json()['access_token']}",
            "Idempotency-Key": str(uuid.uuid4()),
        },
    )
    assert registered.status_code == 201, registered.text
    endpoint = registered.json()

    shown = await console.client.get(partner_path, headers=ADMIN)
    row = shown.text.split('id="webhooks-table"', 1)[1].split("</table>", 1)[0]
    assert "http://127.0.0.1:9/asb" in row and "Active" in row
    assert endpoint["secret"] not in shown.text
    deliveries = await console.client.get(
        f"{partner_path}/webhooks/{endpoint['id']}", headers=ADMIN
    )
    assert deliveries.status_code == 200
    assert 'id="deliveries-table"' in deliveries.text and endpoint["secret"] not in deliveries.text
    unknown = await console.client.get(f"{partner_path}/webhooks/{uuid.uuid4()}", headers=ADMIN)
    assert unknown.status_code == 404


def test_the_policy_form_sends_back_what_it_does_not_show_and_reads_what_it_does() -> None:
    current = {
        "standards": {"first_contact": 1, "action_plan": 10},
        "community_trigger": {"hate_incident_rule": False, "reports": 3},
        "homes": None,
        "calendar": {"opens": "09:00:00", "closure_days": ["2030-01-02"]},
        "categories": [{"category": "noise", "label": "Noise"}],
    }
    shown = {s.field: s for _, settings in policy_form.sections(current) for s in settings}
    assert set(shown) == {
        "standards-first_contact",
        "standards-action_plan",
        "community_trigger-hate_incident_rule",
        "community_trigger-reports",
        "homes",
        "calendar-opens",
        "calendar-closure_days",
    }
    assert shown["community_trigger-hate_incident_rule"].yes_no
    assert shown["calendar-closure_days"].lines
    form = {
        "standards-first_contact": "2",
        "standards-action_plan": "10",
        "community_trigger-hate_incident_rule": "yes",
        "community_trigger-reports": "3",
        "homes": "",
        "calendar-opens": "08:30",
        "calendar-closure_days": "2030-01-02\n\n2030-01-03\n",
    }
    sent = policy_form.settings_from(current, form)
    assert sent["standards"] == {"first_contact": "2", "action_plan": "10"}
    assert sent["community_trigger"]["hate_incident_rule"] is True
    assert sent["homes"] is None
    assert sent["calendar"] == {"opens": "08:30", "closure_days": ["2030-01-02", "2030-01-03"]}
    assert sent["categories"] == current["categories"]
    assert current["standards"]["first_contact"] == 1, "the current settings are not changed"
    assert policy_form.api_fields(current)["settings.calendar.closure_days.1"] == (
        "calendar-closure_days"
    )
    assert policy_form.label_of("community_trigger.reports") == "Community trigger: reports"
    assert policy_form.shown(None) == "not set" and policy_form.shown(False) == "No"
    assert policy_form.shown([{"a": 1}]) == "1 entries"


def test_the_change_history_puts_policy_and_template_versions_together_newest_first() -> None:
    policy_versions = [
        {"version": 0, "changed_at": None},
        {
            "version": 2,
            "changed_at": "2026-12-07T10:00:00+00:00",
            "changed_by": "Ann Admin",
            "reason": "New target",
            "changes": [{"field": "homes", "from": None, "to": 5000}],
        },
    ]
    template_versions = [
        {
            "kind": "case_closed",
            "language": "cy",
            "version": 3,
            "created_at": "2026-12-07T11:00:00+00:00",
            "created_by": "Ann Admin",
        },
        {"kind": "case_closed", "language": "cy", "version": 0, "created_at": None},
    ]
    found = history.changes(policy_versions, template_versions)
    assert [c.what for c in found] == ["Template: case closed (cy)", "Policy settings"]
    assert found[0].href == "/admin/templates/case_closed/cy"
    assert found[1].changes[0]["to"] == 5000 and found[1].reason == "New target"
    assert history.clock("2026-07-01T11:05:00+00:00") == "12:05"


async def test_a_safeguarding_lead_is_named_and_removed(console: Console) -> None:
    subject = f"lead-{uuid.uuid4().hex[:6]}"
    nameless = await _post(
        console, "/admin/safeguarding-leads", {"lead-subject": subject, "lead-name": ""}
    )
    assert nameless.status_code == 422 and 'href="#lead-name"' in nameless.text
    named = await _post(
        console,
        "/admin/safeguarding-leads",
        {"lead-subject": subject, "lead-name": "Dana Safeguarding"},
    )
    assert named.status_code == 303, named.text.split("govuk-error-summary__list")[-1][:600]
    listed = await console.client.get("/admin/safeguarding-leads", headers=ADMIN)
    assert "Dana Safeguarding" in listed.text and subject in listed.text
    removed = await _post(console, "/admin/safeguarding-leads/removal", {"lead-subject": subject})
    assert removed.status_code == 303
    after = await console.client.get("/admin/safeguarding-leads", headers=ADMIN)
    assert subject not in after.text
    refused = await console.client.get("/admin/safeguarding-leads", headers=OFFICER)
    assert refused.status_code == 403
