"""Regression: every text and time that reaches intake is checked at the edge (a NUL, another
control character, an instant in year 1 or 9999) and refused naming the field: never a 500,
nothing stored."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from asb_shared.testing import TestEnvironment, count_rows
from intake_samples import ORG, report, tiny_jpeg

YEAR_ONE = "0001-01-01T00:00:00+05:00"  # overflowed when made UTC


def _chat(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation_id": str(ORG),
        "session_id": "chat-edge-1",
        "transcript": [
            {"speaker": "resident", "at": "2026-11-20T21:01:00Z", "text": "Loud music all night."}
        ],
        "location": {"postcode": "SK1 3XE"},
        "reporter": {"name": "Chat Resident", "email": "chat@example.org"},
    }
    body.update(changes)
    return body


JSON_BODIES: list[tuple[str, str, dict[str, Any], str]] = [
    (
        "NUL in the description",
        "/v1/reports",
        report(description="Loud music\x00 every night"),
        "description",
    ),
    (
        "NUL in a location",
        "/v1/reports",
        report(location={"address": "12 Example\x00 Road"}),
        "location.address",
    ),
    (
        "NUL in a person's name",
        "/v1/reports",
        report(people=[{"role": "subject", "name": "A\x00B"}]),
        "people.0.name",
    ),
    (
        "NUL in the reporter's name",
        "/v1/reports",
        report(reporter={"name": "Alex\x00", "email": "a@example.org"}),
        "reporter.name",
    ),
    (
        "NUL in the safe-contact note",
        "/v1/reports",
        report(reporter={"name": "Alex", "email": "a@example.org", "safe_contact": "no\x00"}),
        "reporter.safe_contact",
    ),
    (
        "a bell in the description",
        "/v1/reports",
        report(description="Loud music \x07 every night"),
        "description",
    ),
    ("year 1 with an offset", "/v1/reports", report(occurred_at=YEAR_ONE), "occurred_at"),
    (
        "the first day of year 1",
        "/v1/reports",
        report(occurred_at="0001-01-01T00:00:00Z"),
        "occurred_at",
    ),
    (
        "the last day of 9999",
        "/v1/reports",
        report(occurred_at="9999-12-31T23:59:59Z"),
        "occurred_at",
    ),
    ("before 1990", "/v1/reports", report(occurred_at="1989-12-31T12:00:00Z"), "occurred_at"),
    (
        "an end in year 9999",
        "/v1/reports",
        report(occurred_until="9999-12-31T00:00:00Z"),
        "occurred_until",
    ),
    (
        "a risk answer keyed blank",
        "/v1/reports",
        report(risk_answers={"": "yes"}),
        "risk_answers..[key]",
    ),
    (
        "NUL in a risk answer",
        "/v1/reports",
        report(risk_answers={"q1": "y\x00"}),
        "risk_answers.q1",
    ),
    (
        "NUL in a chat line",
        "/v1/webchat/transcripts",
        _chat(
            transcript=[
                {
                    "speaker": "resident",
                    "at": "2026-11-20T21:01:00Z",
                    "text": "Music\x00 all night long",
                }
            ]
        ),
        "transcript.0.text",
    ),
    (
        "a chat line in year 1",
        "/v1/webchat/transcripts",
        _chat(transcript=[{"speaker": "resident", "at": YEAR_ONE, "text": "Music all night long"}]),
        "transcript.0.at",
    ),
    (
        "NUL in a chat session",
        "/v1/webchat/transcripts",
        _chat(session_id="chat\x00"),
        "session_id",
    ),
    (
        "NUL in a case review",
        "/v1/case-reviews",
        {
            "organisation_id": str(ORG),
            "applicant": {"name": "A", "email": "a@example.org"},
            "report_references": ["ASB-2026-000001"],
            "description": "Nothing has been done\x00 about it at all.",
        },
        "description",
    ),
]


@pytest.mark.parametrize(
    ("case", "path", "body", "field"), JSON_BODIES, ids=[b[0] for b in JSON_BODIES]
)
async def test_bad_text_or_time_is_a_422_naming_the_field(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    case: str,
    path: str,
    body: dict[str, Any],
    field: str,
) -> None:
    url = test_env.database_url("intake")
    before = await count_rows(url, "reports"), await count_rows(url, "case_review_applications")
    response = await client.post(path, json=body, headers={"X-Api-Key": "chat-backend-secret"})
    assert response.status_code == 422, (case, response.text)
    fields = [d["field"] for d in response.json()["error"]["details"]]
    assert field in fields, (case, fields)
    after = await count_rows(url, "reports"), await count_rows(url, "case_review_applications")
    assert after == before


async def test_a_reporters_own_inputs_refuse_nul_and_year_one(client: httpx.AsyncClient) -> None:
    made = (await client.post("/v1/reports", json=report())).json()
    base, token = f"/v1/reports/{made['reference']}", {"X-Tracking-Token": made["tracking_token"]}
    followups = [
        (
            {"description": "Again\x00 tonight", "occurred_at": "2026-11-21T02:00:00Z"},
            "description",
        ),
        ({"description": "Again tonight", "occurred_at": YEAR_ONE}, "occurred_at"),
    ]
    for body, field in followups:
        response = await client.post(f"{base}/followups", json=body, headers=token)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["details"][0]["field"] == field
    survey = await client.post(
        f"{base}/survey", json={"handling": 3, "outcome": 3, "comments": "ok\x00"}, headers=token
    )
    assert survey.status_code == 422
    assert survey.json()["error"]["details"][0]["field"] == "comments"
    evidence = await client.post(
        f"{base}/evidence",
        files={"files": ("a.jpg", tiny_jpeg(), "image/jpeg")},
        data={"description": "the stairs\x00"},
        headers=token,
    )
    assert evidence.status_code == 422, evidence.text
    assert evidence.json()["error"]["details"][0]["field"] == "description"
    # A reference in the path with a NUL: a 422, not a database error.
    odd = await client.get("/v1/reports/ASB-2026%00/status", headers=token)
    assert odd.status_code == 422, odd.text
    assert odd.json()["error"]["details"][0]["field"] == "path.reference"


OPEN311: list[tuple[str, dict[str, str], str]] = [
    (
        "NUL in an attribute",
        {"attribute[subject_description]": "a man\x00"},
        "attribute[subject_description] must not contain",
    ),
    ("occurred_at in year 1", {"attribute[occurred_at]": YEAR_ONE}, "attribute[occurred_at]"),
    (
        "occurred_at in 9999",
        {"attribute[occurred_at]": "9999-12-31T00:00:00Z"},
        "attribute[occurred_at]",
    ),
    ("NUL in a name", {"first_name": "Sam\x00"}, "first_name must not contain"),
]


@pytest.mark.parametrize(("case", "changes", "expected"), OPEN311, ids=[o[0] for o in OPEN311])
async def test_open311_refuses_them_in_its_own_format(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    case: str,
    changes: dict[str, str],
    expected: str,
) -> None:
    form = {
        "jurisdiction_id": str(ORG),
        "service_code": "noise",
        "lat": "53.41",
        "long": "-2.15",
        "email": "fms@example.org",
        "description": "Music from the flat below until 3am, every night.",
        **changes,
    }
    before = await count_rows(test_env.database_url("intake"), "reports")
    response = await client.post("/open311/v2/requests.json", data=form)
    assert response.status_code == 400, (case, response.text)
    assert any(expected in e["description"] for e in response.json()), response.json()
    assert await count_rows(test_env.database_url("intake"), "reports") == before
    query = await client.get(
        "/open311/v2/requests.json",
        params={"jurisdiction_id": str(ORG), "start_date": YEAR_ONE},
    )
    assert query.status_code == 400
    nul = await client.get(
        "/open311/v2/requests.json", params={"jurisdiction_id": str(ORG), "status": "open\x00"}
    )
    assert nul.status_code == 400
