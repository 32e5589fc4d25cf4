"""The resident web site in a real browser (Debian's Chromium through Playwright), against the
whole system: every page checked with axe-core and photographed (tests/e2e/browsing.py)."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asb_devtools.runner import System
from asb_shared.testing import TestEnvironment, eventually
from browsing import (
    Journey,
    Report,
    arrives,
    continue_,
    first_link,
    mails_to,
    make_report,
    open_journey,
    texts_to,
)
from e2e_system import ORG
from PIL import Image
from playwright.async_api import Browser, expect

pytestmark = pytest.mark.e2e


def _png() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (4, 3), (120, 120, 120)).save(image, "PNG")
    return image.getvalue()


PNG = _png()
"""A small PNG, well formed all through (intake reads uploads through by their type)."""


def _email(who: str) -> str:
    return f"{who}+{uuid.uuid4().hex[:8]}@example.org"


@pytest.fixture
async def journey(request: pytest.FixtureRequest, browser: Browser) -> AsyncIterator[Journey]:
    """A resident of their own (a new browser context), named after the test."""
    name = request.node.originalname.removeprefix("test_")
    opened = await open_journey(browser, name, **getattr(request, "param", {}))
    try:
        yield opened
        if getattr(request.node, "passed", False):
            opened.all_pages_checked()
    finally:
        await opened.close()


async def _open_status(journey: Journey, link: str, reference: str) -> None:
    """The link opens the report's status page in the browser the report was made in (its
    session holds the code); the tracking code is never in an address a server sees."""
    page = journey.page
    await page.goto(link)
    await expect(page.locator("#report-status")).to_be_visible()
    await expect(page.locator("main")).to_contain_text(reference)
    await journey.seen("status")


async def test_the_start_page_in_english_and_welsh_and_an_unknown_landlord(
    journey: Journey, site: str, system: System
) -> None:
    page = journey.page
    await page.goto(site)
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.locator("#start")).to_be_visible()
    await expect(page.get_by_text("999").first).to_be_visible()
    await journey.seen("start")

    await page.locator("#language-cy").click()
    await expect(page.locator("html")).to_have_attribute("lang", "cy")
    await expect(page).to_have_url(site)
    await journey.seen("start-cy")
    await page.locator("#language-en").click()
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await journey.seen("start-en-again")

    answer = await page.goto(f"{system.config.site_url}/nosuch/")
    assert answer is not None and answer.status == 404
    await expect(page.locator("h1")).to_have_text(re.compile(r"not found", re.I))
    await journey.seen("unknown-landlord")


async def test_a_named_noise_report_in_english_whose_email_opens_its_status(
    journey: Journey, site: str, system: System
) -> None:
    email = _email("casey")
    await journey.page.goto(site)
    done = await make_report(journey, Report(email=email, safe=["email"], preferred="email"))
    assert done["reference"].startswith("ETOE-")
    assert done["tracking_code"] not in done["follow_link"].split("#", 1)[0]

    mail = await arrives(
        lambda: mails_to(system.config.mail_url, email),
        lambda m: done["reference"] in m["subject"],
    )
    assert mail["subject"] == f"We have received your report {done['reference']}"
    link = first_link(mail["body"], system.config.site_url)
    assert done["tracking_code"] not in link.split("#", 1)[0]
    await _open_status(journey, link, done["reference"])

    # A photo, added from the status page: the limits are explained, and it is listed after.
    page = journey.page
    await page.locator("#add-evidence").click()
    await expect(page.locator("#files")).to_be_visible()
    await journey.seen("evidence")
    await page.locator("#files").set_input_files(
        {"name": "stairwell.png", "mimeType": "image/png", "buffer": PNG}
    )
    await page.locator("#description").fill("The stairwell after last night")
    await page.locator("#send-evidence").click()
    await expect(page.locator("#added")).to_contain_text("stairwell.png")
    await journey.seen("status-with-photo")


async def test_a_report_made_in_welsh_is_answered_in_welsh(
    journey: Journey, site: str, system: System
) -> None:
    email = _email("cerys")
    page = journey.page
    await page.goto(site)
    await page.locator("#language-cy").click()
    await expect(page.locator("html")).to_have_attribute("lang", "cy")
    done = await make_report(
        journey,
        Report(name="Cerys Preswylydd", email=email, safe=["email"], preferred="email"),
        welsh=True,
    )
    mail = await arrives(
        lambda: mails_to(system.config.mail_url, email),
        lambda m: done["reference"] in m["subject"],
    )
    assert mail["subject"] == f"Rydym wedi cael eich adroddiad {done['reference']}"
    await _open_status(journey, first_link(mail["body"], system.config.site_url), done["reference"])
    await expect(page.locator("html")).to_have_attribute("lang", "cy")


async def test_an_anonymous_report_is_never_answered_by_any_message(
    journey: Journey, site: str, system: System, test_env: TestEnvironment
) -> None:
    cfg = system.config
    await journey.page.goto(site)
    done = await make_report(journey, Report(anonymous=True))
    await expect(journey.page.locator("main")).to_contain_text(done["reference"])
    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    async with httpx.AsyncClient(timeout=10) as http:

        async def opened() -> bool:
            got = await http.get(
                f"{cfg.api_url('intake')}/v1/reports/{done['reference']}/status",
                headers={"X-Tracking-Token": done["tracking_code"]},
            )
            return bool(got.json()["status"] == "open")

        await eventually(opened, timeout=60, interval=0.5)
        messages = await http.get(
            f"{cfg.api_url('notifications')}/v1/messages",
            params={"reference": done["reference"]},
            headers=officer,
        )
        assert messages.status_code == 200, messages.text
        assert messages.json()["items"] == []
        everything = (await http.get(f"{cfg.mail_url}/api/messages")).json()
        assert not [m for m in everything if done["reference"] in m["body"]]
        texts = (await http.get(f"{cfg.notify_url}/fake/notifications")).json()
        assert not [t for t in texts if done["reference"] in str(t.get("body", ""))]


async def test_domestic_abuse_with_email_unsafe_gets_a_text_and_exits_the_page(
    journey: Journey, site: str, system: System
) -> None:
    cfg = system.config
    email, phone = _email("dana"), f"07700{uuid.uuid4().int % 900000 + 100000}"
    page = journey.page
    await page.goto(site)
    done = await make_report(
        journey,
        Report(
            categories=["domestic_abuse"],
            description="My ex-partner keeps coming to the door shouting threats at night.",
            name="Dana Resident",
            email=email,
            phone=phone,
            safe=["sms"],
            unsafe=["email"],
            preferred="sms",
        ),
    )
    # Nothing on the pages says what the report is about to someone looking over a shoulder.
    assert "domestic" not in (await page.title()).lower()

    text = await arrives(
        lambda: texts_to(cfg.notify_url, phone), lambda t: done["reference"] in str(t["body"])
    )
    assert done["reference"] in text["body"]
    assert await mails_to(cfg.mail_url, email) == []

    # "Exit this page" leaves for a neutral site at once: by the button, and by Shift x3.
    neutral = "<!doctype html><html lang='en'><title>Weather</title><main><h1>Weather</h1></main>"
    exit_to = str(await page.locator("#exit-this-page").get_attribute("href"))
    await journey.context.route(
        re.compile("^" + re.escape(exit_to.split("?")[0])),
        lambda route: route.fulfill(body=neutral, content_type="text/html"),
    )
    await page.locator("#exit-this-page").click()
    await expect(page).to_have_url(re.compile("^" + re.escape(exit_to.split("?")[0])))
    await journey.seen("exit-by-button")

    await page.goto(site)
    await page.locator("#start").click()
    await expect(page.locator("#exit-this-page")).to_be_visible()
    await journey.seen("what-again")
    for _ in range(3):
        await page.keyboard.press("Shift")
    await expect(page).to_have_url(re.compile("^" + re.escape(exit_to.split("?")[0])))
    await journey.seen("exit-by-shift")


async def test_a_missing_answer_is_shown_in_the_error_summary_and_fixed(
    journey: Journey, site: str
) -> None:
    page = journey.page
    await page.goto(site)
    await journey.seen("start")
    await page.locator("#start").click()
    await expect(page.locator("input[name=categories]").first).to_be_visible()
    await journey.seen("what")
    await page.locator("input[name=categories][value=noise]").check()
    await continue_(journey)
    await expect(page.locator("#description")).to_be_visible()
    await journey.seen("describe")
    await continue_(journey)

    summary = page.locator(".govuk-error-summary")
    await expect(summary).to_be_visible()
    assert (await page.title()).startswith("Error")
    await expect(page.locator("#description-error")).to_be_visible()
    await journey.seen("describe-error")
    await summary.locator("a[href='#description']").click()
    await expect(page.locator("#description")).to_be_focused()
    await page.locator("#description").fill("Drilling and hammering in flat 3 until 2am.")
    await continue_(journey)
    await expect(page.locator("#occurred-day")).to_be_visible()
    await expect(page.locator(".govuk-error-summary")).to_have_count(0)
    await journey.seen("when")


@pytest.mark.parametrize("journey", [{"javascript": False}], indirect=True)
async def test_a_whole_report_without_javascript(journey: Journey, site: str) -> None:
    assert not journey.javascript
    await journey.page.goto(site)
    # govuk-frontend marks the body when its script runs: here it never does.
    await expect(journey.page.locator("body")).not_to_have_class(
        re.compile("govuk-frontend-supported")
    )
    done = await make_report(journey, Report(email=_email("nojs"), safe=["email"]))
    assert done["reference"].startswith("ETOE-")
    # Without JavaScript the private link's fragment is not read: the code form asks for it.
    page = journey.page
    await page.locator("#follow-link").click()
    await expect(page.locator("#tracking-code")).to_be_visible()
    await journey.seen("follow-code")
    await page.locator("#reference").fill(done["reference"])
    await page.locator("#tracking-code").fill(done["tracking_code"])
    await page.locator("#follow-continue").click()
    await expect(page.locator("#report-status")).to_be_visible()
    await expect(page.locator("main")).to_contain_text(done["reference"])
    await journey.seen("status")


@pytest.mark.parametrize("journey", [{"width": 320}], indirect=True)
async def test_a_report_on_a_320_pixel_phone_never_scrolls_sideways_and_its_survey(
    journey: Journey, site: str, system: System, test_env: TestEnvironment
) -> None:
    page = journey.page
    widths: list[tuple[str, int]] = []

    async def measure(_: Any) -> None:
        widths.append((page.url, await page.evaluate("document.documentElement.scrollWidth")))

    journey.after_each = measure
    await page.goto(site)
    # In SK9, the browser journeys' officer's patch: assigned at once, so it can be closed.
    await _officer(system, test_env)
    done = await make_report(
        journey, Report(email=_email("phone"), safe=["email"], postcode="SK9 1AA")
    )
    await page.locator("#follow-link").click()
    await expect(page.locator("#report-status")).to_be_visible()
    await journey.seen("status")

    # The officer closes the case (through the API); the survey opens for the resident.
    await _close_case(system, test_env, done["reference"])
    survey = page.locator("#survey-link")

    async def survey_offered() -> bool:
        await page.reload()
        return await survey.count() > 0

    await eventually(survey_offered, timeout=60, interval=1)
    await expect(page.locator("#report-status")).to_be_visible()

    await expect(page.locator("#officer-name")).to_be_visible()
    await journey.seen("status-closed")
    await survey.click()
    await expect(page.locator("#send-survey")).to_be_visible()
    await journey.seen("survey")
    await page.locator("#handling").check()
    await page.locator("#outcome").check()
    await page.locator("#comments").fill("Quiet since the letter. Thank you.")
    await page.locator("#send-survey").click()
    await expect(page.locator(".govuk-panel--confirmation")).to_be_visible()
    await journey.seen("survey-thanks")
    assert widths and all(w <= 320 for _, w in widths), [x for x in widths if x[1] > 320]

    # The answers reached the case.
    officer = {"Authorization": f"Bearer {_officer_token(test_env)}"}
    async with httpx.AsyncClient(timeout=10) as http:
        case = await _case_of(http, system, officer, done["reference"])

        async def on_case() -> bool:
            entries = (
                await http.get(
                    f"{system.config.api_url('casework')}/v1/cases/{case['id']}/timeline",
                    headers=officer,
                )
            ).json()
            return any(e["kind"] == "satisfaction_survey" for e in entries)

        await eventually(on_case, timeout=60, interval=0.5)


OFFICER = "o-browser"


def _officer_token(test_env: TestEnvironment) -> str:
    return str(test_env.token("officer", organisation_id=ORG, subject=OFFICER))


async def _officer(system: System, test_env: TestEnvironment) -> None:
    leader = {"Authorization": f"Bearer {test_env.token('team_leader', organisation_id=ORG)}"}
    async with httpx.AsyncClient(timeout=10) as http:
        put = await http.put(
            f"{system.config.api_url('casework')}/v1/officers/{OFFICER}",
            json={"name": "Bryn Officer", "patches": ["SK9"]},
            headers=leader,
        )
        assert put.status_code == 200, put.text


async def _case_of(
    http: httpx.AsyncClient, system: System, officer: dict[str, str], reference: str
) -> dict[str, Any]:
    async def assigned() -> dict[str, Any] | None:
        page = (
            await http.get(
                f"{system.config.api_url('casework')}/v1/cases",
                params={"report_reference": reference},
                headers=officer,
            )
        ).json()
        items: list[dict[str, Any]] = page.get("items", [])
        return items[0] if items and items[0]["officer_id"] == OFFICER else None

    found: dict[str, Any] = await eventually(assigned, timeout=60, interval=0.5)
    return found


async def _close_case(system: System, test_env: TestEnvironment, reference: str) -> None:
    """The officer talks to the complainant, agrees a plan and closes the case (as
    tests/e2e/test_report_journey.py does)."""
    officer = {"Authorization": f"Bearer {_officer_token(test_env)}"}
    async with httpx.AsyncClient(timeout=10) as http:
        case = await _case_of(http, system, officer, reference)
        url = f"{system.config.api_url('casework')}/v1/cases/{case['id']}"
        for path, body in (
            (
                "contacts",
                {
                    "with_whom": "complainant",
                    "method": "phone",
                    "contacted_at": "2026-11-23T10:00:00Z",
                    "summary": "Talked it through; agreed a plan",
                },
            ),
            (
                "action-plans",
                {
                    "actions": [
                        {
                            "action": "Warning letter",
                            "owner": "Bryn Officer",
                            "due_date": "2026-11-30",
                        }
                    ],
                    "contact_method": "phone",
                    "contact_frequency_days": 5,
                    "agreed_with_complainant_at": "2026-11-23T10:05:00Z",
                },
            ),
            (
                "closure",
                {
                    "outcome": "resolved",
                    "reason": "No further noise since the warning letter",
                    "discussed_with_complainant_at": "2026-11-23T11:00:00Z",
                },
            ),
        ):
            answer = await http.post(f"{url}/{path}", json=body, headers=officer)
            assert answer.status_code == 201, (path, answer.text)
