"""The report through the site's pages, against the real intake: one question a page, check
answers, one report per submission however often it is sent, CSRF refused, intake down loses
nothing, and a report made in Welsh asks for Welsh."""

from __future__ import annotations

import asyncio
from typing import Any

from asb_shared.db import Database
from asb_shared.testing import TestEnvironment
from sqlalchemy import text
from web.site.apis import Api
from web_samples import PAGES, SLUG, Site, answer_all, csrf_of, fresh


async def reports_of(test_env: TestEnvironment, description: str) -> list[Any]:
    db = Database(test_env.database_url("intake"), pool_size=1)
    try:
        async with db.sessions() as session:
            rows = await session.execute(
                text("SELECT reference, contact_preferences FROM reports WHERE description = :d"),
                {"d": description},
            )
            return list(rows)
    finally:
        await db.dispose()


async def test_a_named_report_is_made_once_however_often_it_is_sent(
    site: Site, test_env: TestEnvironment
) -> None:
    description = "Shouting and banging doors at night, reported through the site."
    pages = [(p, f) if p != "describe" else (p, {"description": description}) for p, f in PAGES]
    async with fresh(site) as resident:
        check = await answer_all(resident, pages)
        assert "Alex Example" in check and "bluebird" not in check
        token = csrf_of(check)
        first = await resident.post(f"/{SLUG}/report/check", data={"csrf_token": token})
        assert first.status_code == 303 and first.headers["location"] == f"/{SLUG}/report/done"
        done = await resident.get(f"/{SLUG}/report/done")
        assert "WEBT-" in done.text
        assert f"/{SLUG}/follow#WEBT-" in done.text
    assert len(await reports_of(test_env, description)) == 1


async def test_a_double_click_makes_one_report(site: Site, test_env: TestEnvironment) -> None:
    description = "Graffiti on the stairwell again, sent twice by a double click."
    pages = [(p, f) if p != "describe" else (p, {"description": description}) for p, f in PAGES]
    async with fresh(site) as resident:
        check = await answer_all(resident, pages)
        token = csrf_of(check)
        # Both clicks reach the site before either has an answer: the same answers go to
        # intake twice with the report's one key, and intake answers the second as the first.
        answers = await asyncio.gather(
            *(resident.post(f"/{SLUG}/report/check", data={"csrf_token": token}) for _ in range(2))
        )
        assert [a.status_code for a in answers] == [303, 303]
        assert {a.headers["location"] for a in answers} == {f"/{SLUG}/report/done"}
    assert len(await reports_of(test_env, description)) == 1


async def test_a_form_without_its_csrf_token_is_refused(site: Site) -> None:
    async with fresh(site) as resident:
        await resident.get(f"/{SLUG}/report/what")
        refused = await resident.post(f"/{SLUG}/report/what", data={"categories": "noise"})
        assert refused.status_code == 400
        assert "This form has expired" in refused.text
        forged = await resident.post(
            f"/{SLUG}/report/what", data={"categories": "noise", "csrf_token": "guessed"}
        )
        assert forged.status_code == 400


async def test_a_page_with_errors_shows_the_summary_linking_to_the_field(site: Site) -> None:
    async with fresh(site) as resident:
        shown = await resident.get(f"/{SLUG}/report/what")
        sent = await resident.post(f"/{SLUG}/report/what", data={"csrf_token": csrf_of(shown.text)})
        assert sent.status_code == 400
        assert 'class="govuk-error-summary"' in sent.text
        assert 'href="#categories"' in sent.text and 'id="categories"' in sent.text
        assert "<title>Error:" in sent.text


async def test_intake_down_keeps_the_answers_and_says_try_again(
    site: Site, test_env: TestEnvironment
) -> None:
    description = "Vandalism of the bin store while intake was down for a moment."
    pages = [(p, f) if p != "describe" else (p, {"description": description}) for p, f in PAGES]
    async with fresh(site) as resident:
        check = await answer_all(resident, pages)
        working = site.app.state.apis.intake
        site.app.state.apis.intake = Api("intake", "http://127.0.0.1:9", 2)  # nothing listens
        try:
            down = await resident.post(f"/{SLUG}/report/check", data={"csrf_token": csrf_of(check)})
        finally:
            site.app.state.apis.intake = working
        assert down.status_code == 503
        assert "We have kept your answers" in down.text
        assert "Traceback" not in down.text
        # Nothing lost: the check page still has every answer, and sending again works.
        again = await resident.get(f"/{SLUG}/report/check")
        assert description in again.text
        sent = await resident.post(
            f"/{SLUG}/report/check", data={"csrf_token": csrf_of(again.text)}
        )
        assert sent.status_code == 303
    assert len(await reports_of(test_env, description)) == 1


async def test_a_report_made_in_welsh_asks_for_welsh(site: Site, test_env: TestEnvironment) -> None:
    description = "Sŵn uchel bob nos o'r fflat uwchben, drwy'r wefan."
    pages = [(p, f) if p != "describe" else (p, {"description": description}) for p, f in PAGES]
    async with fresh(site) as resident:
        await resident.get(f"/{SLUG}/language", params={"to": "cy", "back": f"/{SLUG}/"})
        check = await answer_all(resident, pages)
        assert '<html lang="cy"' in check
        await resident.post(f"/{SLUG}/report/check", data={"csrf_token": csrf_of(check)})
    [row] = await reports_of(test_env, description)
    assert row.contact_preferences["language"] == "cy"
