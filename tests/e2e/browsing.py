"""A resident's browser on the whole system: Debian's Chromium driven by Playwright.

Every page a journey lands on is checked with axe-core (npm ``axe-core`` from the site's own
node_modules, evaluated in the page: nothing is downloaded) and photographed, full page, into
``.artefacts/screenshots/<journey>/<nn>-<page>.png`` under the repository. A journey that lands
on a page it did not check fails, so "every page" stays true as journeys change.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from asb_shared.testing import eventually
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page

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
MESSAGE_TIMEOUT = 60.0
"""Seconds to wait for an email or a text to arrive (a report crosses three services first)."""

taken: list[Path] = []
"""The journeys' screenshot folders of this run (printed at the end of the run)."""


class Journey:
    """One resident in a browser context of their own."""

    def __init__(self, context: BrowserContext, page: Page, name: str, axe_source: str) -> None:
        self.context = context
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
        await page.screenshot(path=self.folder / f"{self._shots:02d}-{slug}.png", full_page=True)
        self._checked_load = self._loads
        violations = await self._axe()
        blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
        assert not blocking, (
            f"axe-core on {label} ({page.url}):\n" + json.dumps(blocking, indent=2)[:8000]
        )
        assert not self.csp_refusals, "\n".join(self.csp_refusals)

    async def _axe(self) -> list[dict[str, Any]]:
        if await self.context_has_javascript():
            target = self.page
        else:
            # Scripts are off in this context: run axe on the same document in a page that may
            # run them (same URL, same styles), as a resident's screen reader would read it.
            target = await self._scripted_copy()
        try:
            await target.evaluate(self._axe_source)
            result: list[dict[str, Any]] = await target.evaluate(
                """async (tags) => {
                    const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                    return r.violations.map(v => ({
                        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                        nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                                  summary: n.failureSummary}))}));
                }""",
                AXE_TAGS,
            )
            return result
        finally:
            if target is not self.page:
                await target.context.close()

    async def context_has_javascript(self) -> bool:
        try:
            return bool(await self.page.evaluate("() => true"))
        except Exception:
            return False

    async def _scripted_copy(self) -> Page:
        browser = self.context.browser
        assert browser is not None
        viewport = self.page.viewport_size
        context = await browser.new_context(viewport=viewport)
        copy = await context.new_page()
        html = await self.page.content()
        await copy.route(
            self.page.url, lambda route: route.fulfill(body=html, content_type="text/html")
        )
        await copy.goto(self.page.url)
        return copy

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
    return Journey(context, page, name, AXE_SCRIPT.read_text())


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
