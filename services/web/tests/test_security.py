"""The site's security settings and edges: production refuses the development secret and sends
HSTS and Secure cookies; the resident's address reaches intake only as the trusted proxy
settled it; sessions are stored under an HMAC of the cookie and expire; the landlord by host."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from asb_shared.db import Database
from asb_shared.testing import TestEnvironment, migrated_database
from pydantic import ValidationError
from sqlalchemy import text
from web.app import create_site
from web.main import definition as web
from web.settings import WebSettings
from web.site.apis import Api, Apis
from web.site.sessions import Session, SessionStore
from web_samples import SLUG, Site, site_settings


def test_production_refuses_the_development_session_secret() -> None:
    database = "postgresql+asyncpg://web@db.internal/asb_web"
    with pytest.raises(ValidationError, match="SESSION_SECRET"):
        WebSettings(environment="production", database_url=database)
    WebSettings(
        environment="production",
        database_url=database,
        session_secret="a-long-random-production-secret",
    )


@pytest.fixture(scope="module")
async def production_site(
    test_env: TestEnvironment, apis: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> AsyncIterator[tuple[httpx.AsyncClient, list[httpx.Request]]]:
    """The site as in production, behind a proxy at 10.0.0.5, with intake's requests seen."""
    await migrated_database(test_env, web)
    settings = site_settings(test_env, environment="production", trusted_proxies=["10.0.0.5"])
    app = create_site(web, settings)
    _, casework_client = apis
    seen: list[httpx.Request] = []

    async def to_intake(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"status": "ok"})

    async with app.router.lifespan_context(app):
        await app.state.apis.close()
        app.state.apis = Apis(
            intake=Api("intake", "http://intake", 10, httpx.MockTransport(to_intake)),
            casework=Api("casework", "http://casework", 10, casework_client._transport),
            notifications=Api("notifications", "http://127.0.0.1:9", 1),
        )
        transport = httpx.ASGITransport(app=app, client=("10.0.0.5", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="https://test") as client:
            yield client, seen


async def test_production_sends_hsts_and_a_secure_session_cookie(
    production_site: tuple[httpx.AsyncClient, list[httpx.Request]],
) -> None:
    client, _ = production_site
    page = await client.get(f"/{SLUG}/report/what")
    assert page.headers["strict-transport-security"].startswith("max-age=")
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie


async def test_the_residents_address_is_passed_on_only_as_the_trusted_proxy_gave_it(
    production_site: tuple[httpx.AsyncClient, list[httpx.Request]],
) -> None:
    client, seen = production_site
    form = await client.get(f"/{SLUG}/follow", headers={"X-Forwarded-For": "198.51.100.23"})
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    seen.clear()
    await client.post(
        f"/{SLUG}/follow",
        data={
            "reference": "WEBT-2026-000001",
            "tracking-code": "a-tracking-code",
            "csrf_token": token,
        },
        headers={"X-Forwarded-For": "198.51.100.23"},
    )
    [asked] = seen
    # The proxy (trusted) said who the resident is: intake hears the resident, not the site.
    assert asked.headers["x-forwarded-for"] == "198.51.100.23"
    assert asked.headers["x-tracking-token"] == "a-tracking-code"
    assert "x-correlation-id" in asked.headers
    assert "a-tracking-code" not in str(asked.url)


async def test_an_address_claimed_by_an_untrusted_client_is_not_believed(site: Site) -> None:
    captured: list[httpx.Request] = []

    async def to_intake(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        return httpx.Response(
            404, json={"error": {"code": "not_found", "message": "", "details": []}}
        )

    working = site.app.state.apis.intake
    site.app.state.apis.intake = Api("intake", "http://intake", 10, httpx.MockTransport(to_intake))
    try:
        form = await site.client.get(f"/{SLUG}/follow")
        token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
        await site.client.post(
            f"/{SLUG}/follow",
            data={
                "reference": "WEBT-2026-000001",
                "tracking-code": "a-tracking-code",
                "csrf_token": token,
            },
            headers={"X-Forwarded-For": "192.0.2.99"},
        )
    finally:
        site.app.state.apis.intake = working
    # The test client is 203.0.113.7, which is no trusted proxy: its claim is ignored.
    assert captured[0].headers["x-forwarded-for"] == "203.0.113.7"


async def test_sessions_are_kept_under_an_hmac_and_expire(test_env: TestEnvironment) -> None:
    url = await migrated_database(test_env, web)
    db = Database(url, pool_size=1)
    try:
        store = SessionStore(db, "a-test-session-secret-long-enough", timedelta(minutes=5))
        session = Session(None, {})
        session["report"] = {"answers": {"describe": {"description": "kept server-side"}}}
        key = await store.save(session)
        async with db.sessions() as s:
            stored = (await s.execute(text("SELECT id FROM sessions"))).scalars().all()
        assert key not in stored  # the table alone opens no session
        again = await store.load(key)
        assert again.get("report") == session.get("report")
        assert (await store.load("not-a-session")).data == {}
        other = SessionStore(db, "another-secret-altogether-long", timedelta(minutes=5))
        assert (await other.load(key)).data == {}
        # Renewed: the old key no longer opens it.
        again.renew()
        new_key = await store.save(again)
        assert new_key != key
        assert (await store.load(key)).data == {}
        assert (await store.load(new_key)).get("report") == session.get("report")
        # Expired: gone.
        expired = SessionStore(db, "a-test-session-secret-long-enough", timedelta(seconds=-1))
        old = Session(None, {"x": 1})
        old_key = await expired.save(old)
        assert (await store.load(old_key)).data == {}
    finally:
        await db.dispose()


async def test_the_landlord_by_host_name(
    test_env: TestEnvironment, apis: tuple[httpx.AsyncClient, httpx.AsyncClient]
) -> None:
    await migrated_database(test_env, web)
    app = create_site(
        web,
        site_settings(test_env, landlord_by="host", landlord_hosts={"asb.webt.example": SLUG}),
    )
    _, casework_client = apis
    async with app.router.lifespan_context(app):
        await app.state.apis.close()
        app.state.apis = Apis(
            intake=Api("intake", "http://127.0.0.1:9", 1),
            casework=Api("casework", "http://casework", 10, casework_client._transport),
            notifications=Api("notifications", "http://127.0.0.1:9", 1),
        )
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport) as client:
            page = await client.get("http://asb.webt.example/")
            assert page.status_code == 200 and "Web Test Homes" in page.text
            assert 'href="/report/what"' in page.text
            assert (await client.get("http://other.example/")).status_code == 404
            assert (await client.get("http://asb.webt.example/healthz")).status_code == 200
            assets = await client.get("http://other.example/static/govuk/govuk-frontend.min.css")
            assert assets.status_code == 200


async def test_a_session_read_late_in_its_life_is_kept_longer(test_env: TestEnvironment) -> None:
    url = await migrated_database(test_env, web)
    db = Database(url, pool_size=1)
    try:
        store = SessionStore(db, "a-test-session-secret-long-enough", timedelta(minutes=60))
        session = Session(None, {"follow": {"WEBT-2026-000001": "token"}})
        key = await store.save(session)
        fresh = await store.load(key)
        assert not store.wants_saving(fresh)  # just made: nothing to write
        async with db.transaction() as s:
            await s.execute(text("UPDATE sessions SET expires_at = now() + interval '10 minutes'"))
        late = await store.load(key)
        assert store.wants_saving(late)
        await store.save(late)
        assert late.expires_at is not None
        assert (await store.load(key)).expires_at == late.expires_at
    finally:
        await db.dispose()
