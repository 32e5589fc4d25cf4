"""Needs assessments: versioned, every one kept, against the organisation's question set."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
from asb_shared.testing import TestEnvironment, count_rows

Headers = Callable[..., dict[str, str]]


async def test_a_reassessment_adds_a_version_and_keeps_the_history(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    peo = as_("peo", org=org)
    client = await new_client(org)
    url = f"/v1/clients/{client['id']}/assessments"
    first = await api.post(
        url,
        headers=peo,
        json={
            "answers": {
                "alcohol": {"use": "daily", "impact": "serious"},
                "anger": {"violence": "yes"},
            },
            "notes": {"alcohol": "Drinks from the morning."},
        },
    )
    assert first.status_code == 201, first.text
    assert first.json()["scores"]["alcohol"] == {"score": 6, "need": "high"}
    second = await api.post(url, headers=peo, json={"answers": {"alcohol": {"use": "sometimes"}}})
    assert second.json()["number"] == 2
    history = (await api.get(url, headers=peo)).json()
    assert [a["number"] for a in history] == [2, 1]
    assert history[1]["notes"] == {"alcohol": "Drinks from the morning."}


async def test_an_organisations_own_question_set_is_used_and_old_versions_kept(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    admin = as_("admin", org=org)
    default = (await api.get("/v1/assessment-question-set", headers=admin)).json()
    assert default["version"] == 0
    own = {
        "areas": {
            "alcohol": {
                "questions": [
                    {"id": "units", "text": "Units a day?", "answers": {"under_5": 0, "over_5": 3}}
                ],
                "medium_from": 1,
                "high_from": 3,
            }
        }
    }
    published = await api.put("/v1/assessment-question-set", headers=admin, json=own)
    assert published.status_code == 201 and published.json()["version"] == 1
    client = await new_client(org)
    made = await api.post(
        f"/v1/clients/{client['id']}/assessments",
        headers=as_("peo", org=org),
        json={"answers": {"alcohol": {"units": "over_5"}}},
    )
    assert made.json()["question_set_version"] == 1
    assert made.json()["scores"]["alcohol"]["need"] == "high"
    refused = await api.post(
        f"/v1/clients/{client['id']}/assessments",
        headers=as_("peo", org=org),
        json={"answers": {"drugs": {"use": "daily"}}},
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "answers.drugs"


async def test_an_unknown_area_is_422_naming_it_and_nothing_is_stored(
    api: httpx.AsyncClient,
    test_env: TestEnvironment,
    as_: Headers,
    org: uuid.UUID,
    new_client: Any,
) -> None:
    client = await new_client(org)
    answer = await api.post(
        f"/v1/clients/{client['id']}/assessments",
        headers=as_("peo", org=org),
        json={"answers": {"alcohol": {"use": "daily"}, "star_sign": {"sign": "leo"}}},
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["details"] == [
        {
            "field": "answers.star_sign",
            "message": answer.json()["error"]["details"][0]["message"],
            "type": "value_error",
        }
    ]
    assert "unknown assessment area" in answer.json()["error"]["details"][0]["message"]
    stored = await count_rows(
        test_env.database_url("engagement"), "assessments", f"client_id = '{client['id']}'"
    )
    assert stored == 0


async def test_an_assessment_needs_consent(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    client = await new_client(org, consent=False)
    answer = await api.post(
        f"/v1/clients/{client['id']}/assessments",
        headers=as_("peo", org=org),
        json={"answers": {"alcohol": {"use": "daily"}}},
    )
    assert answer.status_code == 409
