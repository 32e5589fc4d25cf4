"""A template cannot stall the service: rendering is bounded in work, output and time, runs
off the event loop, and every failure is a 422 naming the field. Only admins preview or save
(staff read). Against the real app, served apart so a blocked event loop would show here."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from asb_shared.testing import TestEnvironment, served_apart
from notifications.main import definition

ORG = uuid.uuid4()
PREVIEW = "/v1/templates/report_acknowledgement/en/preview"
NESTED = "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}"
HUGE = "{{ 'x' * 10000000 }}"
LONG = "{% for a in range(100000) %}this line is printed one hundred thousand times{% endfor %}"


@pytest.fixture(scope="module")
async def api(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    async with served_apart(test_env, definition) as client:
        # A first preview starts the renderer process, so the timings below are the refusals'.
        warm = await client.post(PREVIEW, headers=_as(test_env, "admin"))
        assert warm.status_code == 200, warm.text
        yield client


def _as(test_env: TestEnvironment, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {test_env.token(role, organisation_id=ORG)}"}


async def _timed(request: asyncio.Future[httpx.Response] | object) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    answer = await request  # type: ignore[misc]
    return answer, time.monotonic() - started


@pytest.mark.parametrize("body", [NESTED, HUGE, LONG], ids=["nested loops", "huge", "long"])
async def test_a_runaway_template_is_refused_at_once_and_healthz_answers_meanwhile(
    api: httpx.AsyncClient, test_env: TestEnvironment, body: str
) -> None:
    draft = {"subject": "Hi", "body": body, "fields": []}
    (preview, took), (health, waited) = await asyncio.gather(
        _timed(api.post(PREVIEW, json=draft, headers=_as(test_env, "admin"))),
        _timed(api.get("/healthz")),
    )
    print(f"preview refused in {took:.3f} s; /healthz meanwhile in {waited:.3f} s")
    assert health.status_code == 200
    assert preview.status_code == 422, preview.text[:300]
    [detail] = preview.json()["error"]["details"]
    assert detail["field"] == "body"
    assert "too" in detail["message"]  # too much work / too long
    # Refused by the sandbox's budgets (in a few milliseconds), long before the wall clock;
    # the bound here is loose only so that a busy machine cannot fail it.
    assert took < 5 and waited < 5
    # The same template cannot be saved either.
    saved = await api.put(
        "/v1/templates/report_acknowledgement/en", json=draft, headers=_as(test_env, "admin")
    )
    assert saved.status_code == 422 and saved.json()["error"]["details"][0]["field"] == "body"


async def test_arithmetic_on_huge_values_is_a_422_naming_the_field(
    api: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    for subject, body in [
        ("{{ range(10**9)|length }}", "ok"),
        ("ok", "{{ range(10**9)|length }}"),
        ("ok", "{{ 'x'.center(10**9) }}"),
        ("ok", "{{ '%1000000000d' % 1 }}"),
        ("ok", "{{ 7 ** 1000000 }}"),
        ("ok", "{{ 1 // 0 }}"),
        ("ok", "{{ 1 + 'a' }}"),
    ]:
        got = await api.post(
            PREVIEW,
            json={"subject": subject, "body": body, "fields": []},
            headers=_as(test_env, "admin"),
        )
        assert got.status_code == 422, (subject, body, got.text[:300])
        [detail] = got.json()["error"]["details"]
        assert detail["field"] == ("subject" if subject != "ok" else "body")


async def test_officers_read_templates_but_neither_preview_nor_save(
    api: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    officer = _as(test_env, "officer")
    draft = {"subject": "Ref {{ reference }}", "body": "Hi", "fields": ["reference"]}
    assert (await api.post(PREVIEW, json=draft, headers=officer)).status_code == 403
    assert (await api.post(PREVIEW, headers=officer)).status_code == 403
    url = "/v1/templates/report_acknowledgement/en"
    assert (await api.put(url, json=draft, headers=officer)).status_code == 403
    assert (await api.get(url, headers=officer)).status_code == 200
    assert (await api.post(PREVIEW, json=draft, headers=_as(test_env, "admin"))).status_code == 200
