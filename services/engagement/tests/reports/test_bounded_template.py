"""The report template cannot stall the service: a runaway template is refused at once with a
422 on ``html`` while ``/healthz`` answers, and officers and PEOs cannot change it. Against the
real app, served apart so a blocked event loop would show here."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable

import httpx
import pytest
from asb_shared.testing import TestEnvironment, served_apart
from engagement.main import definition
from engagement.reports.render import DEFAULT_CSS

ORG = uuid.uuid4()


@pytest.fixture(scope="module")
async def apart(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    async with served_apart(test_env, definition) as client:
        yield client


def _as(test_env: TestEnvironment, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {test_env.token(role, organisation_id=ORG)}"}


async def _timed(request: Awaitable[httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    answer = await request
    return answer, time.monotonic() - started


@pytest.mark.parametrize(
    "html",
    [
        "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}",
        "{{ 'x' * 10000000 }}",
        "{{ range(10**9)|length }}",
    ],
    ids=["nested loops", "huge", "huge range"],
)
async def test_a_runaway_report_template_is_refused_while_healthz_answers(
    apart: httpx.AsyncClient, test_env: TestEnvironment, html: str
) -> None:
    put = apart.put(
        "/v1/report-template",
        headers=_as(test_env, "admin"),
        json={"html": html, "css": DEFAULT_CSS},
    )
    (saved, took), (health, waited) = await asyncio.gather(
        _timed(put), _timed(apart.get("/healthz"))
    )
    print(f"template refused in {took:.3f} s; /healthz meanwhile in {waited:.3f} s")
    assert health.status_code == 200
    assert saved.status_code == 422, saved.text[:300]
    [detail] = saved.json()["error"]["details"]
    assert detail["field"] == "html" and "too" in detail["message"]
    assert took < 10 and waited < 5  # loose: refused in milliseconds once the renderer runs
    current = await apart.get("/v1/report-template", headers=_as(test_env, "peo"))
    assert current.json()["version"] == 0  # nothing was saved


async def test_only_admins_change_the_report_template(
    apart: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = {"html": "<p>{{ client.name }}</p>", "css": DEFAULT_CSS}
    for role in ("peo", "officer", "team_leader"):
        got = await apart.put("/v1/report-template", headers=_as(test_env, role), json=body)
        assert got.status_code == 403, role
    assert (await apart.get("/v1/report-template", headers=_as(test_env, "peo"))).status_code == 200
