"""A resident's browser on the whole system: Debian's Chromium driven by Playwright.

Every page a journey lands on is checked with axe-core (npm ``axe-core`` from the site's own
node_modules, evaluated in the page: nothing is downloaded) and photographed, full page, into
``.artefacts/screenshots/<journey>/<nn>-<page>.png`` under the repository. A journey that lands
on a page it did not check fails, so "every page" stays true as journeys change.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from asb_shared.testing import eventually
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page, expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / ".artefacts" / "screenshots"
AXE_SCRIPT = ROOT / "services" / "web" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 30_000
"""Playwright's wait for an element or a navigation: generous, for a busy two-core machine."""
AXE_TIMEOUT = 60.0
"""Seconds axe-core may take on one page."""
MESSAGE_TIMEOUT = 60.0
"""Seconds to wait for an email or a text to arrive (a report crosses three services first)."""

taken: list[Path] = []
"""The journeys' screenshot folders of this run (printed at the end of the run)."""
spent: dict[str, float] = {"pages": 0, "screenshots": 0.0, "axe": 0.0}
"""Pages checked in this run, and the seconds their screenshots and axe-core took."""


class Journey:
    """One resident in a browser context of their own."""

    def __init__(
        self,
        context: BrowserContext,
        page: Page,
        name: str,
        axe_source: str,
        *,
        javascript: bool = True,
    ) -> None:
        self.context = context
        self.javascript = javascript
        self.page = page
        self.name = name
        self.folder = SCREENSHOTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        taken.append(self.folder)
        self._axe_source = axe_source
        self._shots = 0
        self._loads = 0
        self._checked_load = 0
        self.csp_refusals: list[str] = []
        self._scripted: Page | None = None
        self._copied = ""
        self.after_each: Callable[[Journey], Awaitable[None]] | None = None
        """A further check run on every page seen (the 320 px journey measures its width)."""
        page.on("load", self._on_load)
        page.on("console", self._on_console)

    def _on_load(self, _: Page) -> None:
        self._loads += 1

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.csp_refusals.append(f"{self.page.url}: {message.text}")

    async def seen(self, label: str) -> None:
        """The page now shown: photographed, and checked with axe-core (no violation of serious
        or critical impact) and for Content-Security-Policy refusals."""
        page = self.page
        await page.wait_for_load_state("load")
        self._shots += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        began = time.monotonic()
        await page.screenshot(path=self.folder / f"{self._shots:02d}-{slug}.png", full_page=True)
        self._checked_load = self._loads
        shot = time.monotonic()
        violations = await self._axe()
        spent["pages"] += 1
        spent["screenshots"] += shot - began
        spent["axe"] += time.monotonic() - shot
        blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
        assert not blocking, (
            f"axe-core on {label} ({page.url}):\n" + json.dumps(blocking, indent=2)[:8000]
        )
        assert not self.csp_refusals, "\n".join(self.csp_refusals)
        if self.after_each is not None:
            await self.after_each(self)

    async def _axe(self) -> list[dict[str, Any]]:
        if self.javascript:
            return await asyncio.wait_for(self._run_axe(self.page), AXE_TIMEOUT)
        # A page whose scripts are off cannot run axe's (its timers never fire): the same
        # document is checked in a page that may, at the same address and size (one such page
        # for the journey, its own context).
        if self._scripted is None:
            assert self.context.browser is not None
            copy = await self.context.browser.new_context(viewport=self.page.viewport_size)
            self._scripted = await copy.new_page()
            await self._scripted.route(
                re.compile(r".*"),
                lambda route: (
                    route.fulfill(body=self._copied, content_type="text/html")
                    if route.request.resource_type == "document"
                    else route.continue_()
                ),
            )
        self._copied = await self.page.content()
        await self._scripted.goto(self.page.url)
        return await asyncio.wait_for(self._run_axe(self._scripted), AXE_TIMEOUT)

    async def close(self) -> None:
        if self._scripted is not None:
            await self._scripted.context.close()
        await self.context.close()

    async def _run_axe(self, page: Page) -> list[dict[str, Any]]:
        await page.evaluate(self._axe_source)
        result: list[dict[str, Any]] = await page.evaluate(
            """async (tags) => {
                const r = await axe.run(document, {
                    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                return r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                              summary: n.failureSummary}))}));
            }""",
            AXE_TAGS,
        )
        return result

    def all_pages_checked(self) -> None:
        """Every page the journey landed on was checked (call at the journey's end)."""
        assert self._checked_load == self._loads, (
            f"{self.name}: {self._loads - self._checked_load} page(s) loaded after the last one "
            f"checked ({self.page.url}); call seen() after each navigation"
        )


async def open_journey(
    browser: Browser, name: str, *, javascript: bool = True, width: int = 1024
) -> Journey:
    """A new context (its own cookies) and page for one journey."""
    context = await browser.new_context(
        java_script_enabled=javascript,
        viewport={"width": width, "height": 800},
        locale="en-GB",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = await context.new_page()
    return Journey(context, page, name, AXE_SCRIPT.read_text(), javascript=javascript)


async def mails_to(mail_url: str, address: str) -> list[dict[str, Any]]:
    """What the mail sink holds for ``address`` now."""
    async with httpx.AsyncClient(timeout=10) as http:
        got = await http.get(f"{mail_url}/api/messages", params={"to": address})
        got.raise_for_status()
        found: list[dict[str, Any]] = got.json()
        return found


async def texts_to(notify_url: str, phone_number: str) -> list[dict[str, Any]]:
    """The text messages the Notify fake holds for ``phone_number`` now."""
    async with httpx.AsyncClient(timeout=10) as http:
        got = await http.get(
            f"{notify_url}/fake/notifications", params={"phone_number": phone_number}
        )
        got.raise_for_status()
        found: list[dict[str, Any]] = got.json()
        return [n for n in found if n.get("type", "sms") == "sms"]


async def arrives(
    fetch: Callable[[], Awaitable[list[dict[str, Any]]]],
    wanted: Callable[[dict[str, Any]], bool] = lambda _: True,
    timeout: float = MESSAGE_TIMEOUT,
) -> dict[str, Any]:
    """The first message ``fetch`` finds that is ``wanted``, polled until ``timeout``."""

    async def found() -> dict[str, Any] | None:
        return next((m for m in await fetch() if wanted(m)), None)

    message: dict[str, Any] = await eventually(found, timeout=timeout, interval=0.5)
    return message


def first_link(text: str, starting: str) -> str:
    """The first address in ``text`` that starts with ``starting``."""
    match = re.search(re.escape(starting) + r"[^\s<>\"')]*", text)
    assert match, f"no link to {starting} in:\n{text}"
    return match.group(0)


@dataclass
class Report:
    """A resident's answers, as they give them on the report pages."""

    categories: list[str] = field(default_factory=lambda: ["noise"])
    description: str = "Very loud music and shouting from the flat above every night this week."
    address: str = field(
        default_factory=lambda: f"{uuid.uuid4().hex[:6]} Journey Street, Stockport"
    )
    """Each report its own address, so it opens a case of its own."""
    postcode: str = "SK4 1AA"
    anonymous: bool = False
    name: str = "Casey Resident"
    email: str = ""
    phone: str = ""
    safe: list[str] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    preferred: str = ""


async def continue_(journey: Journey) -> None:
    await journey.page.locator("#continue").click()


async def make_report(journey: Journey, report: Report, *, welsh: bool = False) -> dict[str, str]:
    """From the start page on, through every question and "check your answers", to the
    confirmation: returns its reference, tracking code and private follow link. Each page is
    checked and photographed on the way."""
    page = journey.page
    await journey.seen("start")
    await page.locator("#start").click()

    await expect(page.locator("input[name=categories]").first).to_be_visible()
    await journey.seen("what")
    for category in report.categories:
        await page.locator(f"input[name=categories][value={category}]").check()
    await continue_(journey)

    await expect(page.locator("#description")).to_be_visible()
    await journey.seen("describe")
    await page.locator("#description").fill(report.description)
    await continue_(journey)

    yesterday = date.today() - timedelta(days=1)
    await expect(page.locator("#occurred-day")).to_be_visible()
    await journey.seen("when")
    await page.locator("#occurred-day").fill(str(yesterday.day))
    await page.locator("#occurred-month").fill(str(yesterday.month))
    await page.locator("#occurred-year").fill(str(yesterday.year))
    await continue_(journey)

    await expect(page.locator("#postcode")).to_be_visible()
    await journey.seen("where")
    await page.locator("#address").fill(report.address)
    await page.locator("#postcode").fill(report.postcode)
    await continue_(journey)

    await expect(page.locator("#subject-name")).to_be_visible()
    await journey.seen("who")
    await continue_(journey)

    identity = "anonymous" if report.anonymous else "named"
    await expect(page.locator("input[name=identity]").first).to_be_visible()
    await journey.seen("about-you")
    await page.locator(f"input[name=identity][value={identity}]").check()
    await continue_(journey)

    if not report.anonymous:
        await expect(page.locator("#name")).to_be_visible()
        await journey.seen("your-details")
        await page.locator("#name").fill(report.name)
        await page.locator("#email").fill(report.email)
        await page.locator("#phone").fill(report.phone)
        await continue_(journey)

        await expect(page.locator("input[name=safe]").first).to_be_visible()
        await journey.seen("contact")
        for channel in report.safe:
            await page.locator(f"input[name=safe][value={channel}]").check()
        for channel in report.unsafe:
            await page.locator(f"input[name=unsafe][value={channel}]").check()
        if report.preferred:
            await page.locator(f"input[name=preferred][value={report.preferred}]").check()
        await continue_(journey)

        await expect(page.locator("input[name=days]").first).to_be_visible()
        await journey.seen("contact-safety")
        await continue_(journey)

    await expect(page.locator("#continue")).to_be_visible()
    await journey.seen("risk")
    await continue_(journey)

    await expect(page.locator("#send-report")).to_be_visible()
    await expect(page.locator("main")).to_contain_text(report.description)
    await journey.seen("check-answers")
    await page.locator("#send-report").click()

    await expect(page.locator(".govuk-panel--confirmation")).to_be_visible()
    await expect(page.locator("html")).to_have_attribute("lang", "cy" if welsh else "en")
    await journey.seen("confirmation")
    return {
        "reference": (await page.locator("#reference").inner_text()).strip(),
        "tracking_code": (await page.locator("#tracking-code").inner_text()).strip(),
        "follow_link": str(await page.locator("#follow-link").get_attribute("href")),
    }


STAFF_USERS = {
    "officer": "officer",
    "team_leader": "team-leader",
    "peo": "peo",
    "admin": "admin",
    "platform_admin": "platform-admin",
    "partner_staff": "partner",
}
"""The development identity provider's user for each role (``asb_devtools.idp``); the partner's
member of staff belongs to the partner :func:`set_users_partner` names."""
STAFF_PASSWORD = "development"

StaffPage = Callable[..., Awaitable[Journey]]
"""The ``staff_page`` fixture (tests/e2e/browser/conftest.py): ``await staff_page(role,
path="/", width=1024)`` is a new browser context signed in to the staff console as the
development user of ``role`` (officer, team_leader, peo, admin, platform_admin) through the
development identity provider, on ``path``."""


async def set_users_partner(idp_url: str, partner_id: str) -> None:
    """The partner the development identity provider's partner user belongs to (their partner
    claim, from their next sign-in), as the provider's administrator would set it."""
    async with httpx.AsyncClient(timeout=10) as http:
        answer = await http.put(
            f"{idp_url}/users/{STAFF_USERS['partner_staff']}/partner",
            json={"partner_id": partner_id},
        )
        assert answer.status_code == 200, answer.text


async def sign_in_at_provider(journey: Journey, role: str) -> None:
    """On the development identity provider's sign-in form: signs in as the role's user."""
    page = journey.page
    await expect(page.locator("#username")).to_be_visible()
    await journey.seen("identity provider sign-in")
    await page.locator("#username").fill(STAFF_USERS[role])
    await page.locator("#password").fill(STAFF_PASSWORD)
    await page.locator("#sign-in").click()


async def staff_sign_in(journey: Journey, console_url: str, role: str, path: str = "/") -> None:
    """Opens ``path`` of the staff console, signs in through the development identity provider
    as the role's user, and lands back on ``path``, checked and photographed."""
    page = journey.page
    await page.goto(f"{console_url}{path}")
    await sign_in_at_provider(journey, role)
    await page.wait_for_url(f"{console_url}{path}")
    await expect(page.locator("#signed-in-name")).to_be_visible()
    await journey.seen(f"console {path}")
