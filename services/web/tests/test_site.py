"""The landlord's pages: chosen by path, a plain "not found" otherwise, the security headers,
health and readiness."""

from __future__ import annotations

from web.site.apis import Api
from web_samples import SLUG, Site


async def test_the_start_page_names_the_landlord_and_what_is_not_asb(site: Site) -> None:
    page = await site.client.get(f"/{SLUG}/")
    assert page.status_code == 200
    assert "Web Test Homes" in page.text
    assert "Cooking smells are part of everyday life" in page.text
    assert "999" in page.text and "101" in page.text
    assert '<html lang="en"' in page.text


async def test_an_unknown_or_inactive_landlord_is_not_found(site: Site) -> None:
    for path in ("/nosuch/", "/webx/", "/webx/report/what", "/a/", "/toolongslug/"):
        page = await site.client.get(path)
        assert page.status_code == 404, path
        assert "Page not found" in page.text
        assert "Web Test Homes" not in page.text


async def test_every_page_carries_the_security_headers(site: Site) -> None:
    page = await site.client.get(f"/{SLUG}/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["x-content-type-options"] == "nosniff"
    # Development: no HSTS (the site may be reached over plain HTTP locally).
    assert "strict-transport-security" not in page.headers


async def test_the_design_system_is_served_by_the_site_itself(site: Site) -> None:
    page = await site.client.get(f"/{SLUG}/")
    assert "https://" not in page.text.split("<body")[0]
    css = await site.client.get("/static/govuk/govuk-frontend.min.css")
    assert css.status_code == 200 and "govuk-" in css.text
    font = await site.client.get("/assets/fonts/bold-b542beb274-v2.woff2")
    assert font.status_code == 200
    script = await site.client.get("/static/site/site.mjs")
    assert script.status_code == 200


async def test_welsh_is_chosen_with_the_toggle_and_kept(site: Site) -> None:
    toggled = await site.client.get(f"/{SLUG}/language", params={"to": "cy", "back": f"/{SLUG}/"})
    assert toggled.status_code == 303 and toggled.headers["location"] == f"/{SLUG}/"
    page = await site.client.get(f"/{SLUG}/")
    assert '<html lang="cy"' in page.text
    assert "Rhoi gwybod am ymddygiad gwrthgymdeithasol" in page.text
    # Back to English; and the toggle never sends anyone to another site.
    away = await site.client.get(
        f"/{SLUG}/language", params={"to": "en", "back": "https://evil.example/"}
    )
    assert away.headers["location"] == f"/{SLUG}/"
    away = await site.client.get(f"/{SLUG}/language", params={"to": "en", "back": f"/{SLUG}//evil"})
    assert away.headers["location"] == f"/{SLUG}/"


async def test_health_and_readiness(site: Site) -> None:
    assert (await site.client.get("/healthz")).json() == {"status": "ok"}
    ready = await site.client.get("/readyz")
    # Notifications is not called at all; intake and casework answer in process.
    assert ready.json()["checks"]["database"] == "ok"
    assert ready.json()["checks"]["intake"] == "ok"
    assert (await site.client.get("/metrics")).status_code == 200


async def test_casework_down_is_a_plain_problem_page_never_a_trace(site: Site) -> None:
    working = site.app.state.apis.casework
    site.app.state.apis.casework = Api("casework", "http://127.0.0.1:9", 2)  # nothing listens
    try:
        # A landlord not read in the last minute needs casework's answer.
        page = await site.client.get("/wbzz/")
    finally:
        site.app.state.apis.casework = working
    assert page.status_code == 503
    assert "Sorry, there is a problem with the service" in page.text
    assert "Traceback" not in page.text and "ConnectError" not in page.text
    assert page.headers["content-type"].startswith("text/html")
