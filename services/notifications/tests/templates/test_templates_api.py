"""Templates: versioned per organisation and language, checked when saved, previewed with
sample data, used for the next message sent."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from asb_shared.testing import TestEnvironment, service_api
from notifications.main import definition
from notifications.templates.defaults import DEFAULTS
from notifications.templates.kinds import SAMPLES, MessageKind
from notifications.templates.rendering import check, render

ORG = uuid.uuid4()


@pytest.fixture(scope="module")
async def api(test_env: TestEnvironment) -> AsyncIterator[httpx.AsyncClient]:
    async with service_api(test_env, definition) as client:
        yield client


def _as(test_env: TestEnvironment, role: str, org: uuid.UUID = ORG) -> dict[str, str]:
    return {"Authorization": f"Bearer {test_env.token(role, organisation_id=org)}"}


async def test_every_kind_has_an_english_default_that_renders_with_its_declared_fields() -> None:
    assert {kind for kind, language in DEFAULTS if language == "en"} == set(MessageKind)
    assert (MessageKind.ACKNOWLEDGEMENT, "cy") in DEFAULTS
    for (kind, _), template in DEFAULTS.items():
        check(template.subject, template.body, template.fields)
        subject, body = await render(template.subject, template.body, SAMPLES[kind])
        assert subject and body and "\n" not in subject


async def test_an_admin_saves_versions_and_staff_read_them(
    api: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    url = "/v1/templates/case_closed/en"
    draft = {
        "subject": "Case {{ reference }} closed",
        "body": "Dear {{ name }}, outcome: {{ outcome }}.",
        "fields": ["reference", "name", "outcome"],
    }
    assert (await api.put(url, json=draft, headers=_as(test_env, "officer"))).status_code == 403
    first = await api.put(url, json=draft, headers=_as(test_env, "admin"))
    assert first.status_code == 201, first.text
    assert first.json()["version"] == 1
    second = await api.put(
        url, json={**draft, "subject": "Your case {{ reference }}"}, headers=_as(test_env, "admin")
    )
    assert second.json()["version"] == 2
    current = (await api.get(url, headers=_as(test_env, "officer"))).json()
    assert current["version"] == 2 and current["subject"] == "Your case {{ reference }}"
    versions = (await api.get(f"{url}/versions", headers=_as(test_env, "officer"))).json()
    assert [v["version"] for v in versions] == [2, 1]
    # Another organisation still has the shipped one.
    other = (await api.get(url, headers=_as(test_env, "officer", uuid.uuid4()))).json()
    assert other["version"] == 0


async def test_a_template_using_an_undeclared_field_is_refused_naming_it(
    api: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    got = await api.put(
        "/v1/templates/report_acknowledgement/en",
        json={"subject": "Hi {{ nmae }}", "body": "Ref {{ reference }}", "fields": ["reference"]},
        headers=_as(test_env, "admin"),
    )
    assert got.status_code == 422
    [detail] = got.json()["error"]["details"]
    assert detail["field"] == "subject"
    assert "nmae" in detail["message"]
    # Declaring a field the message does not have is refused too.
    got = await api.put(
        "/v1/templates/report_acknowledgement/en",
        json={"subject": "Hi", "body": "{{ home_address }}", "fields": ["home_address"]},
        headers=_as(test_env, "admin"),
    )
    assert got.status_code == 422
    assert got.json()["error"]["details"][0]["field"] == "fields"
    assert "home_address" in got.json()["error"]["details"][0]["message"]
    # A syntax error, and the sandbox: nothing reaches Python internals.
    got = await api.put(
        "/v1/templates/report_acknowledgement/en",
        json={"subject": "Hi", "body": "{% if %}", "fields": []},
        headers=_as(test_env, "admin"),
    )
    assert got.status_code == 422
    got = await api.post(
        "/v1/templates/report_acknowledgement/en/preview",
        json={"subject": "x", "body": "{{ name.__class__.__mro__ }}", "fields": ["name"]},
        headers=_as(test_env, "admin"),
    )
    assert got.status_code == 422
    assert "unsafe" in got.json()["error"]["details"][0]["message"]


async def test_preview_renders_with_sample_data(
    api: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    got = await api.post(
        "/v1/templates/officer_assigned/cy/preview", headers=_as(test_env, "admin")
    )
    assert got.status_code == 200
    assert "Jo Bloggs" in got.json()["body"]  # no Welsh one: the English stands in
    draft = await api.post(
        "/v1/templates/report_acknowledgement/en/preview",
        json={
            "subject": "Ref {{ reference }}",
            "body": "Hi {{ name }}",
            "fields": ["reference", "name"],
        },
        headers=_as(test_env, "admin"),
    )
    assert draft.json() == {"subject": "Ref ASB-2026-000123", "body": "Hi Sam"}
    listed = (await api.get("/v1/templates", headers=_as(test_env, "peo"))).json()
    assert {(t["kind"], t["language"]) for t in listed} >= {("report_acknowledgement", "cy")}


async def test_bad_input_is_a_422_not_a_500(
    api: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    admin = _as(test_env, "admin")
    assert (await api.get("/v1/templates/no_such_kind/en", headers=admin)).status_code == 422
    assert (
        await api.get("/v1/templates/report_acknowledgement/EN!", headers=admin)
    ).status_code == 422
    got = await api.put(
        "/v1/templates/report_acknowledgement/en",
        json={"subject": "a\x00b", "body": "x", "fields": []},
        headers=admin,
    )
    assert got.status_code == 422
