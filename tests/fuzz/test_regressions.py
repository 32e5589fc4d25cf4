"""Inputs the fuzz found answered with a 500, kept as explicit regression tests."""

from __future__ import annotations

import uuid

import pytest
from asb_shared.testing import TestEnvironment, service_api
from casework.main import definition as casework

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
