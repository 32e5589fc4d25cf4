"""The staff console in process: signed in through the development identity provider (in process
too), on casework's real API and the run's databases. Sign-in and back to the page asked for,
the session's timeouts, refresh, CSRF, sign-out at the provider, and the API's refusals."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import httpx
import pytest
from asb_devtools.idp import DEV_PASSWORD, Client, create_app, development_users, load_key
from asb_devtools.idp import Provider as IdentityProvider
from asb_shared.testing import TestEnvironment, migrated_database, service_api
from casework.main import definition as casework
from fastapi import FastAPI
from web.console.app import create_console
from web.console.provider import Provider
from web.console.settings import ConsoleSettings
from web.main import console
from web.site.apis import Api, Apis
from web_samples import csrf_of

ORG = uuid.UUID("00000000-0000-7000-8000-0000000c0501")
CONSOLE = "http://127.0.0.1:8007"
IDP = "http://127.0.0.1:8008"


@dataclass
class Console:
    app: FastAPI
    idp: IdentityProvider
    casework: httpx.AsyncClient
    transport: httpx.ASGITransport
    idp_transport: httpx.ASGITransport

    def browser(self) -> tuple[httpx.AsyncClient, httpx.AsyncClient]:
        """A browser's two cookie jars: the console's and the provider's."""
        return (
            httpx.AsyncClient(transport=self.transport, base_url=CONSOLE),
            httpx.AsyncClient(transport=self.idp_transport, base_url=IDP),
        )


@pytest.fixture(scope="module")
async def staff_console(
    test_env: TestEnvironment, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Console]:
    test_env.register_organisation(ORG, prefix="STAF", name="Staff Homes")
    key = Path(tmp_path_factory.mktemp("console-idp")) / "private.pem"
    key.write_bytes(test_env.private_key)
    idp = IdentityProvider(
        issuer=IDP,
        access_token_issuer=test_env.issuer,
        audience=test_env.audience,
        key=load_key(key),
        users=development_users(ORG),
        client=Client(
            "asb-console",
            "asb-console-development-secret",
            [f"{CONSOLE}/auth/callback"],
            [f"{CONSOLE}/signed-out"],
        ),
    )
    idp_transport = httpx.ASGITransport(app=create_app(idp))
    await migrated_database(test_env, console)
    settings = ConsoleSettings.model_validate(
        {
            "database_url": test_env.database_url("web"),
            "environment": "test",
            "session_secret": "a-test-session-secret-long-enough",
            "public_base_url": CONSOLE,
            "oidc_issuer": IDP,
            "jwt_issuer": test_env.issuer,
            "jwt_audience": test_env.audience,
        }
    )
    app = create_console(console, settings)
    app.state.provider = Provider(settings, transport=idp_transport)
    async with service_api(test_env, casework) as casework_client:
        async with app.router.lifespan_context(app):
            await app.state.apis.close()
            app.state.apis = Apis(
                intake=Api("intake", "http://127.0.0.1:9", 1),
                casework=Api("casework", "http://casework", 10, casework_client._transport),
                notifications=Api("notifications", "http://127.0.0.1:9", 1),
            )
            transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 50000))
            yield Console(app, idp, casework_client, transport, idp_transport)


async def sign_in(
    browser: tuple[httpx.AsyncClient, httpx.AsyncClient], user: str, page: str = "/"
) -> httpx.Response:
    """Asks for ``page``, signs in at the provider as ``user``, and follows back: the page."""
    console_client, idp = browser
    asked = await console_client.get(page)
    assert asked.status_code == 303 and asked.headers["location"].startswith("/sign-in?next=")
    to_idp = await console_client.get(asked.headers["location"])
    assert to_idp.status_code == 302 and to_idp.headers["location"].startswith(f"{IDP}/authorize")
    form = await idp.get(to_idp.headers["location"])
    if form.status_code == 200:
        signed = await idp.post(
            "/login",
            data={
                "username": user,
                "password": DEV_PASSWORD,
                "query": urlsplit(to_idp.headers["location"]).query,
            },
        )
        form = await idp.get(signed.headers["location"])
    assert form.status_code == 302, form.text[:300]
    back = urlsplit(form.headers["location"])
    landed = await console_client.get(f"{back.path}?{back.query}")
    assert landed.status_code == 303 and landed.headers["location"] == page
    return await console_client.get(page)


async def sql(test_env: TestEnvironment, database: str, query: str, *args: object) -> None:
    conn = await asyncpg.connect(test_env.database_url(database).replace("+asyncpg", ""))
    try:
        await conn.execute(query, *args)
    finally:
        await conn.close()


async def add_case(
    test_env: TestEnvironment,
    officer: str,
    *,
    risk: str = "standard",
    due_in: timedelta | None = None,
    breached: bool = False,
    warned: bool = False,
) -> tuple[uuid.UUID, str]:
    """A case of the console's landlord written as casework holds it, with one standard."""
    case_id, reference = uuid.uuid4(), f"STAF-C-2026-{uuid.uuid4().int % 1_000_000:06d}"
    now = datetime.now(UTC)
    await sql(
        test_env,
        "casework",
        "INSERT INTO cases (id, organisation_id, reference, status, categories, summary,"
        " anonymous, officer_id, officer_name, risk_level, opened_at, updated_at)"
        " VALUES ($1, $2, $3, 'open', '{noise}', 'Loud music', false, $4, 'An Officer', $5,"
        " $6, $6)",
        case_id,
        ORG,
        reference,
        officer,
        risk,
        now,
    )
    if due_in is not None:
        due = now + due_in
        await sql(
            test_env,
            "casework",
            "INSERT INTO standards (id, case_id, organisation_id, kind, status, started_at,"
            " warn_at, due_at, breached_at, warned_at)"
            " VALUES ($1, $2, $8, 'first_contact', $3, $4, $5, $6, $7, $9)",
            uuid.uuid4(),
            case_id,
            "breached" if breached else "running",
            now - timedelta(days=1),
            due - timedelta(hours=1),
            due,
            now if breached else None,
            ORG,
            now if warned else None,
        )
    return case_id, reference


async def test_an_officer_signs_in_and_sees_their_cases_most_urgent_first(
    staff_console: Console, test_env: TestEnvironment
) -> None:
    subject = "dev-officer"
    _, later = await add_case(test_env, subject, due_in=timedelta(days=5))
    _, high = await add_case(test_env, subject, risk="high", due_in=timedelta(days=9))
    _, breached = await add_case(test_env, subject, due_in=timedelta(hours=-2), breached=True)
    await add_case(test_env, "someone-else", due_in=timedelta(days=1))
    browser = staff_console.browser()
    page = await sign_in(browser, "officer")
    assert page.status_code == 200
    assert "Development Officer" in page.text and "My cases" in page.text
    order = [page.text.index(r) for r in (breached, high, later)]
    assert order == sorted(order), "breached first, then high risk, then by the next due"
    assert 'id="count-breached"><span class="asb-counts__number">1<' in page.text
    # The officer's navigation: no Team page.
    assert 'href="/team"' not in page.text

    filtered = await browser[0].get("/", params={"risk": "high"})
    assert high in filtered.text and later not in filtered.text

    # The cookie holds a key; the tokens are in the database, encrypted.
    cookie = browser[0].cookies.get("asb_staff_session")
    assert cookie and len(cookie) < 100
    conn = await asyncpg.connect(test_env.database_url("web").replace("+asyncpg", ""))
    try:
        sealed = await conn.fetchval(
            "SELECT tokens FROM staff_sessions WHERE subject = $1 ORDER BY created_at DESC", subject
        )
    finally:
        await conn.close()
    session = await staff_console.app.state.staff_sessions.load(cookie)
    access_token = session.tokens["access_token"]
    assert sealed and access_token.encode() not in bytes(sealed)
    assert access_token.split(".")[1].encode() not in bytes(sealed)


async def test_sign_in_goes_back_only_to_a_page_of_the_console(staff_console: Console) -> None:
    console_client, _ = staff_console.browser()
    for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        started = await console_client.get("/sign-in", params={"next": elsewhere})
        assert started.status_code == 302
        session = await staff_console.app.state.staff_sessions.load(
            console_client.cookies.get("asb_staff_session")
        )
        assert session.data["next"] == "/"


async def test_a_team_leader_reassigns_a_case_and_a_refusal_is_shown(
    staff_console: Console, test_env: TestEnvironment
) -> None:
    leader = test_env.token("team_leader", organisation_id=ORG)
    for subject, name in (("dev-officer", "Development Officer"), ("o-two", "Officer Two")):
        put = await staff_console.casework.put(
            f"/v1/officers/{subject}",
            json={"name": name, "patches": ["SK1"]},
            headers={"Authorization": f"Bearer {leader}"},
        )
        assert put.status_code == 200
    case_id, reference = await add_case(
        test_env, "dev-officer", due_in=timedelta(hours=-3), breached=True
    )
    _, due_soon = await add_case(test_env, "o-two", due_in=timedelta(hours=3), warned=True)
    _, not_yet = await add_case(test_env, "o-two", due_in=timedelta(days=4))
    browser = staff_console.browser()
    team = await sign_in(browser, "team-leader", "/team")
    assert team.status_code == 200 and reference in team.text
    breaches, warnings = _table(team.text, "breaches"), _table(team.text, "warnings")
    assert reference in breaches and due_soon not in breaches
    assert due_soon in warnings and reference not in warnings and not_yet not in warnings

    # Without a reason: the form's own error, nothing sent.
    token = csrf_of(team.text)
    refused = await browser[0].post(
        "/team/reassign",
        data={"csrf_token": token, "case_id": str(case_id), "officer_id": "o-two", "reason": ""},
    )
    assert refused.status_code == 422 and "govuk-error-summary" in refused.text
    assert 'href="#reason"' in refused.text

    # An officer casework does not know: its refusal in the error summary.
    unknown = await browser[0].post(
        "/team/reassign",
        data={
            "csrf_token": token,
            "case_id": str(case_id),
            "officer_id": "nobody-here",
            "reason": "Rebalancing the team's cases",
        },
    )
    assert unknown.status_code in (409, 422) and "govuk-error-summary" in unknown.text

    done = await browser[0].post(
        "/team/reassign",
        data={
            "csrf_token": token,
            "case_id": str(case_id),
            "officer_id": "o-two",
            "reason": "Rebalancing the team's cases",
        },
    )
    assert done.status_code == 303
    shown = await browser[0].get(done.headers["location"])
    assert f"{reference} is reassigned" in shown.text
    detail = await staff_console.casework.get(
        f"/v1/cases/{case_id}", headers={"Authorization": f"Bearer {leader}"}
    )
    assert detail.json()["officer_id"] == "o-two"

    reviewed = await browser[0].post(
        "/team/review",
        data={"csrf_token": token, "case_id": str(case_id), "reason": "Monthly review: on track"},
    )
    assert reviewed.status_code == 303 and "reviewed" in reviewed.headers["location"]


def _table(page: str, table_id: str) -> str:
    """The HTML of the page's table ``table_id``."""
    start = page.index(f'<table class="govuk-table" id="{table_id}">')
    return page[start : page.index("</table>", start)]


async def test_a_form_without_its_csrf_token_is_refused(
    staff_console: Console, test_env: TestEnvironment
) -> None:
    case_id, _ = await add_case(test_env, "dev-officer")
    browser = staff_console.browser()
    await sign_in(browser, "team-leader", "/team")
    refused = await browser[0].post(
        "/team/reassign",
        data={"case_id": str(case_id), "officer_id": "o-two", "reason": "No token at all"},
    )
    assert refused.status_code == 400 and "The form had expired" in refused.text
    wrong = await browser[0].post("/sign-out", data={"csrf_token": "not-the-token"})
    assert wrong.status_code == 400
    assert (await browser[0].get("/team")).status_code == 200  # still signed in


async def test_an_officer_is_refused_the_team_page(staff_console: Console) -> None:
    browser = staff_console.browser()
    await sign_in(browser, "officer")
    refused = await browser[0].get("/team")
    assert refused.status_code == 403 and "You do not have access" in refused.text


async def test_a_session_past_its_idle_or_absolute_timeout_signs_in_again(
    staff_console: Console, test_env: TestEnvironment
) -> None:
    browser = staff_console.browser()
    await sign_in(browser, "officer")
    await sql(
        test_env,
        "web",
        "UPDATE staff_sessions SET expires_at = now() - interval '1 second'"
        " WHERE subject = 'dev-officer'",
    )
    idle = await browser[0].get("/?risk=high")
    assert idle.status_code == 303 and idle.headers["location"] == "/sign-in?next=/%3Frisk%3Dhigh"

    await sign_in(browser, "officer")
    await sql(
        test_env,
        "web",
        "UPDATE staff_sessions SET absolute_expires_at = now() - interval '1 second'"
        " WHERE subject = 'dev-officer'",
    )
    assert (await browser[0].get("/")).status_code == 303


async def test_an_access_token_near_its_expiry_is_renewed(
    staff_console: Console, test_env: TestEnvironment
) -> None:
    browser = staff_console.browser()
    await sign_in(browser, "officer")
    store = staff_console.app.state.staff_sessions
    session = await store.load(browser[0].cookies.get("asb_staff_session"))
    before = session.tokens["access_token"]
    await sql(
        test_env,
        "web",
        "UPDATE staff_sessions SET access_expires_at = now() + interval '5 seconds' WHERE id = $1",
        store._id(session.key),
    )
    page = await browser[0].get("/")
    assert page.status_code == 200
    renewed = await store.load(browser[0].cookies.get("asb_staff_session"))
    assert renewed.tokens["access_token"] != before
    assert renewed.tokens["refresh_token"] != session.tokens["refresh_token"]


async def test_a_token_the_service_rejects_signs_in_again(
    staff_console: Console, test_env: TestEnvironment
) -> None:
    browser = staff_console.browser()
    await sign_in(browser, "officer")
    store = staff_console.app.state.staff_sessions
    session = await store.load(browser[0].cookies.get("asb_staff_session"))
    session.replace_tokens({**session.tokens, "access_token": "not-a-token"}, None)
    await store.save(session)
    again = await browser[0].get("/")
    assert again.status_code == 303 and again.headers["location"].startswith("/sign-in")


async def test_signing_out_ends_the_session_here_and_at_the_provider(
    staff_console: Console,
) -> None:
    browser = staff_console.browser()
    page = await sign_in(browser, "officer")
    cookie = browser[0].cookies.get("asb_staff_session")
    out = await browser[0].post("/sign-out", data={"csrf_token": csrf_of(page.text)})
    assert out.status_code == 303
    location = out.headers["location"]
    assert location.startswith(f"{IDP}/end-session?") and "id_token_hint=" in location
    ended = await browser[1].get(location)
    assert ended.status_code == 302 and ended.headers["location"].startswith(
        f"{CONSOLE}/signed-out"
    )
    assert (await browser[0].get("/signed-out")).status_code == 200
    # The old key opens nothing, and the provider asks for the password again.
    assert not (await staff_console.app.state.staff_sessions.load(cookie)).signed_in
    again = await browser[0].get("/")
    to_idp = await browser[0].get(again.headers["location"])
    form = await browser[1].get(to_idp.headers["location"])
    assert form.status_code == 200 and 'name="password"' in form.text


async def test_pages_carry_the_strict_policy_and_health_answers(staff_console: Console) -> None:
    console_client, _ = staff_console.browser()
    signed_out = await console_client.get("/signed-out")
    policy = signed_out.headers["content-security-policy"]
    assert "script-src 'self'" in policy and f"form-action 'self' {IDP}" in policy
    assert signed_out.headers["cache-control"] == "no-store"
    assert (await console_client.get("/healthz")).status_code == 200
    assert (await console_client.get("/no-such-page")).status_code == 404


async def test_the_consoles_chrome_is_in_welsh_when_chosen_and_its_pages_stay_english(
    staff_console: Console,
) -> None:
    browser = staff_console.browser()
    page = await sign_in(browser, "team-leader")
    assert '<html lang="en"' in page.text and 'id="language-cy"' in page.text
    assert "Sign out" in page.text and "Fy achosion" not in page.text

    chosen = await browser[0].get("/language", params={"to": "cy", "back": "/team"})
    assert chosen.status_code == 303 and chosen.headers["location"] == "/team"
    team = await browser[0].get("/team")
    assert '<html lang="cy"' in team.text
    assert 'id="main-content" lang="en"' in team.text  # the page's own words are English
    for welsh in ("Consol staff", "Fy achosion", "Tîm", "Allgofnodi", "Wedi mewngofnodi fel"):
        assert welsh in team.text, welsh
    assert "Breached service standards" in team.text
    assert 'id="language-en"' in team.text and 'id="language-cy"' not in team.text

    # Back only to a page of the console; English again.
    for elsewhere in ("//evil.example/", "https://evil.example/"):
        away = await browser[0].get("/language", params={"to": "en", "back": elsewhere})
        assert away.headers["location"] == "/"
    assert '<html lang="en"' in (await browser[0].get("/team")).text
