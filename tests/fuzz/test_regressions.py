"""Inputs the fuzz found answered with a 500, kept as explicit regression tests."""

from __future__ import annotations

import uuid

import pytest
from asb_shared.testing import TestEnvironment, service_api
from casework.main import definition as casework
from engagement.main import definition as engagement

ORG = uuid.uuid4()


@pytest.mark.parametrize("parameter", ["report_reference", "officer_id", "area"])
async def test_a_nul_in_a_case_search_is_refused_naming_the_parameter(
    test_env: TestEnvironment, parameter: str
) -> None:
    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    async with service_api(test_env, casework) as client:
        got = await client.get("/v1/cases", params={parameter: "a\x00"}, headers=officer)
    assert got.status_code == 422, got.text
    assert got.json()["error"]["details"][0]["field"] == f"query.{parameter}"


@pytest.mark.parametrize(
    ("service", "path"),
    [("casework", "/v1/risk-question-set"), ("engagement", "/v1/assessment-question-set")],
)
async def test_a_nul_in_a_question_set_is_refused_not_stored(
    test_env: TestEnvironment, service: str, path: str
) -> None:
    """A question set is stored as JSON, where PostgreSQL refuses a NUL: it is a 422 first."""
    definition = casework if service == "casework" else engagement
    admin = {"Authorization": f"Bearer {test_env.token('admin', organisation_id=ORG)}"}
    question = {
        "id": "threats",
        "text": "Have you been threatened?",
        "answers": {"no\x00": 0, "yes": 5},
    }
    body = (
        {"questions": [question], "medium_from": 3, "high_from": 5}
        if service == "casework"
        else {"areas": {"anger": {"questions": [question], "medium_from": 3, "high_from": 5}}}
    )
    async with service_api(test_env, definition) as client:
        got = await client.put(path, json=body, headers=admin)
    assert got.status_code == 422, got.text
    assert "answers" in got.json()["error"]["details"][0]["field"]
