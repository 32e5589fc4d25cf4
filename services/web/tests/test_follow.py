"""Following a report: the tracking code is exchanged for a session and never put in a URL the
site is asked for; the wrong code is refused like an unknown reference; the status, an incident
added, the survey not yet open, and a case review application."""

from __future__ import annotations

import re

from web_samples import PAGES, SLUG, Site, answer_all, csrf_of, fresh


async def report_made(site: Site) -> tuple[str, str]:
    """A report made through the site: its reference and tracking code."""
    async with fresh(site) as resident:
        check = await answer_all(resident, PAGES)
        await resident.post(f"/{SLUG}/report/check", data={"csrf_token": csrf_of(check)})
        done = await resident.get(f"/{SLUG}/report/done")
    reference = re.search(r'id="reference">([^<]+)<', done.text)
    code = re.search(r'id="tracking-code">([^<]+)<', done.text)
    assert reference and code
    # The private link carries the code in its fragment only.
    link = re.search(r'id="follow-link">([^<]+)<', done.text)
    assert link and link.group(1).endswith(f"/{SLUG}/follow#{reference.group(1)}.{code.group(1)}")
    return reference.group(1), code.group(1)


async def test_the_code_opens_the_report_for_this_browser_only(site: Site) -> None:
    reference, code = await report_made(site)
    async with fresh(site) as resident, fresh(site) as stranger:
        # The email's link names the report, not the code: the form, with the reference filled.
        form = await resident.get(f"/{SLUG}/follow/{reference}")
        assert form.status_code == 200
        assert f'value="{reference}"' in form.text and "Tracking code" in form.text
        wrong = await resident.post(
            f"/{SLUG}/follow",
            data={
                "reference": reference,
                "tracking-code": "not-the-code",
                "csrf_token": csrf_of(form.text),
            },
        )
        assert wrong.status_code == 400
        assert "The reference or the tracking code is not right" in wrong.text
        unknown = await resident.post(
            f"/{SLUG}/follow",
            data={
                "reference": "WEBT-2026-999999",
                "tracking-code": code,
                "csrf_token": csrf_of(form.text),
            },
        )
        assert unknown.status_code == 400
        assert "The reference or the tracking code is not right" in unknown.text

        before = resident.cookies.get("asb_session")
        opened = await resident.post(
            f"/{SLUG}/follow",
            data={
                "reference": reference.lower(),
                "tracking-code": code,
                "csrf_token": csrf_of(form.text),
            },
        )
        assert opened.status_code == 303
        assert opened.headers["location"] == f"/{SLUG}/follow/{reference}"
        assert code not in opened.headers["location"]
        # A new session key once the code is given (no fixation).
        assert resident.cookies.get("asb_session") != before
        status = await resident.get(opened.headers["location"])
        assert status.status_code == 200
        assert "Your report" in status.text and 'id="report-status"' in status.text
        assert code not in status.text

        # Another browser with the same link sees only the form.
        other = await stranger.get(f"/{SLUG}/follow/{reference}")
        assert 'id="report-status"' not in other.text


async def test_an_incident_is_added_once(site: Site) -> None:
    reference, code = await report_made(site)
    async with fresh(site) as resident:
        form = await resident.get(f"/{SLUG}/follow")
        await resident.post(
            f"/{SLUG}/follow",
            data={"reference": reference, "tracking-code": code, "csrf_token": csrf_of(form.text)},
        )
        page = await resident.get(f"/{SLUG}/follow/{reference}/incident")
        submission = re.search(r'name="submission" value="([^"]+)"', page.text)
        assert submission
        data = {
            "description": "It happened again at midnight.",
            "occurred-day": "2",
            "occurred-month": "12",
            "occurred-year": "2026",
            "submission": submission.group(1),
            "csrf_token": csrf_of(page.text),
        }
        for _ in range(2):  # a retry of the same form
            sent = await resident.post(f"/{SLUG}/follow/{reference}/incident", data=data)
            assert sent.status_code == 303
        status = await resident.get(f"/{SLUG}/follow/{reference}")
        assert status.text.count("It happened again at midnight.") == 1

        future = await resident.post(
            f"/{SLUG}/follow/{reference}/incident",
            data={**data, "occurred-year": "2099", "submission": "another-submission"},
        )
        assert future.status_code == 400
        assert 'href="#occurred-day"' in future.text


async def test_the_survey_waits_for_the_case_to_close(site: Site) -> None:
    reference, code = await report_made(site)
    async with fresh(site) as resident:
        form = await resident.get(f"/{SLUG}/follow")
        await resident.post(
            f"/{SLUG}/follow",
            data={"reference": reference, "tracking-code": code, "csrf_token": csrf_of(form.text)},
        )
        status = await resident.get(f"/{SLUG}/follow/{reference}")
        assert 'id="survey-link"' not in status.text
        page = await resident.get(f"/{SLUG}/follow/{reference}/survey")
        missing = await resident.post(
            f"/{SLUG}/follow/{reference}/survey", data={"csrf_token": csrf_of(page.text)}
        )
        assert missing.status_code == 400 and 'href="#handling"' in missing.text
        early = await resident.post(
            f"/{SLUG}/follow/{reference}/survey",
            data={"handling": "4", "outcome": "3", "csrf_token": csrf_of(page.text)},
        )
        assert early.status_code == 409
        assert "The survey is not open" in early.text


async def test_evidence_of_a_refused_type_is_explained(site: Site) -> None:
    reference, code = await report_made(site)
    async with fresh(site) as resident:
        form = await resident.get(f"/{SLUG}/follow")
        await resident.post(
            f"/{SLUG}/follow",
            data={"reference": reference, "tracking-code": code, "csrf_token": csrf_of(form.text)},
        )
        page = await resident.get(f"/{SLUG}/follow/{reference}/evidence")
        assert "up to 10 files" in page.text
        refused = await resident.post(
            f"/{SLUG}/follow/{reference}/evidence",
            data={"csrf_token": csrf_of(page.text)},
            files={"files": ("notes.txt", b"not a photo at all", "text/plain")},
        )
        assert refused.status_code == 400
        assert "must be photos, sound recordings or videos" in refused.text


async def test_a_case_review_application(site: Site) -> None:
    reference, _ = await report_made(site)
    async with fresh(site) as resident:
        page = await resident.get(f"/{SLUG}/case-review", params={"reference": reference})
        assert reference in page.text
        empty = await resident.post(f"/{SLUG}/case-review", data={"csrf_token": csrf_of(page.text)})
        assert empty.status_code == 400
        assert 'href="#name"' in empty.text and 'href="#description"' in empty.text
        sent = await resident.post(
            f"/{SLUG}/case-review",
            data={
                "name": "Alex Example",
                "email": "alex@example.com",
                "references": reference,
                "description": "Three reports and nothing has changed at all.",
                "csrf_token": csrf_of(page.text),
            },
        )
        assert sent.status_code == 200, sent.text[-2000:]
        assert "Application sent" in sent.text
