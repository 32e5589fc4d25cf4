"""What a reporter adds with their token: incidents, and the survey once the case is closed."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from intake_samples import ORG, case_opened, case_resolved, report


async def test_a_reporter_adds_an_incident_and_sees_only_their_own_report(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    body = report(
        people=[
            {"role": "subject", "name": "Dana Neighbour", "address": "Flat 4"},
            {"role": "witness", "name": "Wes Witness"},
        ]
    )
    made = (await client.post("/v1/reports", json=body)).json()
    headers = {"X-Tracking-Token": made["tracking_token"]}
    added = await client.post(
        f"/v1/reports/{made['reference']}/followups",
        json={
            "description": "It happened again at 2am, with banging on my door.",
            "occurred_at": "2026-11-22T02:00:00Z",
        },
        headers=headers,
    )
    assert added.status_code == 201, added.text

    async def followed() -> list[Envelope]:
        return [
            e
            for e in seen
            if e.type == "intake.followup.received"
            and e.data["report_reference"] == made["reference"]
        ]

    [event] = await eventually(followed)
    assert event.data["kind"] == "incident"
    view = await client.get(f"/v1/reports/{made['reference']}", headers=headers)
    assert view.status_code == 200
    shown = view.json()
    assert [f["description"] for f in shown["followups"]] == [
        "It happened again at 2am, with banging on my door."
    ]
    text = view.text
    assert "Dana Neighbour" not in text and "Wes Witness" not in text  # other people's details
    assert "alex@example.org" not in text
    # Another report's token shows nothing of this one.
    other = (await client.post("/v1/reports", json=report())).json()
    assert (
        await client.get(
            f"/v1/reports/{made['reference']}",
            headers={"X-Tracking-Token": other["tracking_token"]},
        )
    ).status_code == 404
    before = await count_rows(test_env.database_url("intake"), "followups")
    bad = await client.post(
        f"/v1/reports/{made['reference']}/followups",
        json={"description": "x", "occurred_at": "soon"},
        headers=headers,
    )
    assert bad.status_code == 422
    assert {d["field"] for d in bad.json()["error"]["details"]} == {"description", "occurred_at"}
    wrong = await client.post(
        f"/v1/reports/{made['reference']}/followups",
        json={"description": "Again tonight, loud music.", "occurred_at": "2026-11-22T02:00:00Z"},
        headers={"X-Tracking-Token": "wrong-token-123"},
    )
    assert wrong.status_code == 404
    assert await count_rows(test_env.database_url("intake"), "followups") == before


async def test_the_survey_opens_on_closure_and_is_answered_once(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    made = (await client.post("/v1/reports", json=report())).json()
    headers = {"X-Tracking-Token": made["tracking_token"]}
    answers = {"handling": 4, "outcome": 3, "comments": "Kept informed throughout."}
    early = await client.post(
        f"/v1/reports/{made['reference']}/survey", json=answers, headers=headers
    )
    assert early.status_code == 409
    case_id, case_reference = uuid.uuid4(), f"CASE-2026-{uuid.uuid4().int % 10**6:06d}"
    await publish_event(
        test_env,
        case_opened(made, case_reference, 2, case_id=case_id),
        organisation_id=ORG,
    )
    await publish_event(
        test_env,
        case_resolved(case_id, case_reference, 5, "Stopped after a warning letter"),
        organisation_id=ORG,
    )

    async def survey_open() -> dict[str, Any] | None:
        view: dict[str, Any] = (
            await client.get(f"/v1/reports/{made['reference']}", headers=headers)
        ).json()
        return view if view["survey_open"] else None

    view = await eventually(survey_open)
    assert view["status"] == "closed"
    assert [u["text"] for u in view["updates"]][-1].startswith(
        "Your case has been closed: the behaviour has stopped"
    )
    assert (
        await client.post(
            f"/v1/reports/{made['reference']}/survey",
            json={"handling": 6, "outcome": 0},
            headers=headers,
        )
    ).status_code == 422
    answered = await client.post(
        f"/v1/reports/{made['reference']}/survey", json=answers, headers=headers
    )
    assert answered.status_code == 201
    assert (
        await client.post(f"/v1/reports/{made['reference']}/survey", json=answers, headers=headers)
    ).status_code == 409

    async def submitted() -> list[Envelope]:
        return [
            e
            for e in seen
            if e.type == "intake.survey.submitted"
            and e.data["report_reference"] == made["reference"]
        ]

    [event] = await eventually(submitted)
    assert (event.data["handling"], event.data["outcome"], event.data["case_reference"]) == (
        4,
        3,
        case_reference,
    )
