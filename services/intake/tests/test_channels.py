"""Every channel besides the web form, retries, follow-ups, surveys and case reviews."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from asb_shared.contracts import AsbCategory, CaseClosed, CaseOpened
from asb_shared.messaging import Envelope
from asb_shared.testing import (
    TestEnvironment,
    captured_events,
    count_rows,
    eventually,
    publish_event,
    service_api,
    service_worker,
)
from intake.main import definition
from intake_samples import ORG, report


@pytest.fixture(scope="module")
async def seen(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    async with captured_events(
        test_env,
        "intake.report.received",
        "intake.followup.received",
        "intake.survey.submitted",
        "intake.case_review.requested",
    ) as events:
        yield events


@pytest.fixture(scope="module")
async def client(
    test_env: TestEnvironment, seen: list[Envelope]
) -> AsyncIterator[httpx.AsyncClient]:
    async with (
        service_api(
            test_env, definition, public_rate_per_minute=0, webchat_api_key="chat-backend-secret"
        ) as client,
        service_worker(test_env, definition),
    ):
        yield client


def reports_where(test_env: TestEnvironment, where: str) -> Any:
    return count_rows(test_env.database_url("intake"), "reports", where)


async def test_a_retried_submission_with_one_idempotency_key_makes_one_report(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = report(description="Idempotency check: loud music from the flat below, again tonight.")
    key = {"Idempotency-Key": f"form-{uuid.uuid4()}"}
    first = await client.post("/v1/reports", json=body, headers=key)
    second = await client.post("/v1/reports", json=body, headers=key)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert await reports_where(test_env, f"reference = '{first.json()['reference']}'") == 1
    assert await reports_where(test_env, "description LIKE 'Idempotency check:%'") == 1
    reused = await client.post(
        "/v1/reports", json=report(description="A different report under the same key"), headers=key
    )
    assert reused.status_code == 422
    assert reused.json()["error"]["code"] == "idempotency_key_reused"


async def test_the_same_key_sent_at_once_still_makes_one_report(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = report(description="Concurrent retry: shouting in the stairwell of block C at night.")
    key = {"Idempotency-Key": f"app-{uuid.uuid4()}"}
    answers = await asyncio.gather(
        *(client.post("/v1/reports", json=body, headers=key) for _ in range(5))
    )
    assert {a.status_code for a in answers} == {201}
    assert len({a.json()["reference"] for a in answers}) == 1
    assert await reports_where(test_env, "description LIKE 'Concurrent retry:%'") == 1


async def test_staff_key_phone_letter_and_in_person_reports(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    officer = {
        "Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG, subject='officer-42')}"
    }
    for channel in ("phone", "letter", "in_person"):
        made = await client.post(
            "/v1/staff/reports",
            json=report(
                channel=channel,
                description=f"Keyed from a {channel} report: threats made on the landing",
            ),
            headers=officer,
        )
        assert made.status_code == 201, made.text
        reference = made.json()["reference"]
        assert (
            await reports_where(
                test_env,
                f"reference = '{reference}' AND channel = '{channel}' AND received_by = 'officer-42'",
            )
            == 1
        )

        async def announced(ref: str = reference) -> list[Envelope]:
            return [
                e for e in seen if e.type == "intake.report.received" and e.data["reference"] == ref
            ]

        [event] = await eventually(announced)
        assert event.data["channel"] == channel
        assert event.data["received_by"] == "officer-42"
    assert (await client.post("/v1/staff/reports", json=report(channel="phone"))).status_code == 401
    other = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=uuid.uuid4())}"}
    wrong_org = await client.post("/v1/staff/reports", json=report(channel="phone"), headers=other)
    assert wrong_org.status_code == 422
    assert wrong_org.json()["error"]["details"][0]["field"] == "organisation_id"
    assert (
        await client.post("/v1/staff/reports", json=report(channel="web"), headers=officer)
    ).status_code == 422


def transcript(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation_id": str(ORG),
        "session_id": f"chat-{uuid.uuid4()}",
        "transcript": [
            {
                "speaker": "bot",
                "at": "2026-11-22T20:00:00Z",
                "text": "Hello, what would you like to report?",
            },
            {
                "speaker": "resident",
                "at": "2026-11-22T20:00:30Z",
                "text": "People are dealing drugs from the empty flat next door.",
            },
            {
                "speaker": "resident",
                "at": "2026-11-22T20:01:00Z",
                "text": "Cars come and go all night.",
            },
        ],
        "categories": ["drugs"],
        "location": {"address": "Flat 9, Chat House", "postcode": "SK3 0AA"},
        "anonymous": True,
    }
    body.update(changes)
    return body


async def test_a_webchat_transcript_becomes_a_report_with_the_residents_words(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = transcript()
    made = await client.post(
        "/v1/webchat/transcripts", json=body, headers={"X-Api-Key": "chat-backend-secret"}
    )
    assert made.status_code == 201, made.text
    reference = made.json()["reference"]
    assert (
        await reports_where(
            test_env,
            f"reference = '{reference}' AND channel = 'webchat' AND source_reference = 'webchat:{body['session_id']}' AND description LIKE 'People are dealing drugs%'",
        )
        == 1
    )
    assert (
        await client.post(
            "/v1/webchat/transcripts", json=transcript(), headers={"X-Api-Key": "not-the-secret"}
        )
    ).status_code == 401
    silent = transcript(
        transcript=[{"speaker": "bot", "at": "2026-11-22T20:00:00Z", "text": "Hello?"}]
    )
    refused = await client.post(
        "/v1/webchat/transcripts", json=silent, headers={"X-Api-Key": "chat-backend-secret"}
    )
    assert refused.status_code == 422


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
        CaseOpened(
            case_id=case_id,
            case_reference=case_reference,
            version=2,
            status="open",
            categories=[AsbCategory.NOISE],
            report_id=uuid.UUID(made["id"]),
            report_reference=made["reference"],
            opened_at=datetime.now(UTC),
            anonymous=False,
        ),
        organisation_id=ORG,
    )
    await publish_event(
        test_env,
        CaseClosed(
            case_id=case_id,
            case_reference=case_reference,
            version=5,
            status="resolved",
            outcome="resolved",
            reason="Stopped after a warning letter",
            closed_at=datetime.now(UTC),
            anonymous=False,
        ),
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


def review(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation_id": str(ORG),
        "applicant": {"name": "Chris Complainant", "email": "chris@example.org"},
        "report_references": ["ASB-2026-000101", "asb-2026-000102", "ASB-2026-000103"],
        "description": "I have reported the same noise three times since June and nothing has changed.",
    }
    body.update(changes)
    return body


async def test_a_case_review_application_is_named_and_consented(
    client: httpx.AsyncClient, seen: list[Envelope]
) -> None:
    made = await client.post("/v1/case-reviews", json=review())
    assert made.status_code == 201, made.text

    async def requested() -> list[Envelope]:
        return [
            e
            for e in seen
            if e.type == "intake.case_review.requested"
            and e.data["application_id"] == made.json()["id"]
        ]

    [event] = await eventually(requested)
    assert event.data["report_references"] == [
        "ASB-2026-000101",
        "ASB-2026-000102",
        "ASB-2026-000103",
    ]
    anonymous = review()
    del anonymous["applicant"]
    assert (await client.post("/v1/case-reviews", json=anonymous)).status_code == 422
    no_consent = await client.post("/v1/case-reviews", json=review(on_behalf_of="My mother, Pat"))
    assert no_consent.status_code == 422
    assert (
        await client.post(
            "/v1/case-reviews", json=review(on_behalf_of="My mother, Pat", consent_given=True)
        )
    ).status_code == 201
    assert (await client.post("/v1/case-reviews", json=review(report_references=["12345"]))).json()[
        "error"
    ]["details"][0]["field"] == "report_references.0"


async def test_public_endpoints_are_rate_limited_per_client(test_env: TestEnvironment) -> None:
    async with service_api(
        test_env, definition, public_rate_per_minute=6, public_rate_burst=2
    ) as limited:
        codes = [(await limited.post("/v1/reports", json=report())).status_code for _ in range(3)]
        assert codes == [201, 201, 429]
        refused = await limited.post("/v1/reports", json=report())
        assert refused.json()["error"]["code"] == "too_many_requests"
        assert 1 <= int(refused.headers["retry-after"]) <= 10


async def test_the_app_records_its_own_channel(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    made = await client.post("/v1/reports", json=report(channel="app"))
    assert made.status_code == 201, made.text
    assert (
        await reports_where(
            test_env, f"reference = '{made.json()['reference']}' AND channel = 'app'"
        )
        == 1
    )
    assert (await client.post("/v1/reports", json=report(channel="phone"))).status_code == 422
