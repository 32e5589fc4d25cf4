"""A retried submission with the same Idempotency-Key makes one report."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import asyncpg
import httpx
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event, service_api
from intake.main import definition
from intake_samples import ORG, case_opened, case_resolved, report, reports_where, tiny_jpeg


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


# --- every create a client may retry, and a store without secrets ------------------------------


async def _rows(test_env: TestEnvironment, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(test_env.database_url("intake").replace("+asyncpg", ""))
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


async def test_the_store_keeps_neither_the_tracking_token_nor_the_key_in_plain_text(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    body = report(description="Sealed answer: dogs barking in the yard of number 9 all night.")
    raw_key = f"form-{uuid.uuid4()}"
    first = await client.post("/v1/reports", json=body, headers={"Idempotency-Key": raw_key})
    token = first.json()["tracking_token"]

    rows = await _rows(
        test_env, "SELECT key, response::text AS response, sealed FROM idempotency_keys"
    )
    assert rows
    assert all(token not in r["response"] for r in rows)
    assert all(r["key"] != raw_key for r in rows)
    assert all(r["sealed"] is None or token.encode() not in r["sealed"] for r in rows)
    assert any(r["sealed"] is not None for r in rows)

    # The retry still gets a token that works: the very one the first answer gave.
    again = await client.post("/v1/reports", json=body, headers={"Idempotency-Key": raw_key})
    assert again.json()["tracking_token"] == token
    status = await client.get(
        f"/v1/reports/{again.json()['reference']}/status", headers={"X-Tracking-Token": token}
    )
    assert status.status_code == 200


async def test_a_replay_cannot_be_opened_without_the_servers_secret(
    test_env: TestEnvironment,
) -> None:
    body = report(description="Secret rotated: a car alarm going off in the car park each night.")
    key = {"Idempotency-Key": f"form-{uuid.uuid4()}"}
    async with service_api(test_env, definition, public_rate_per_minute=0) as one:
        assert (await one.post("/v1/reports", json=body, headers=key)).status_code == 201
    async with service_api(
        test_env, definition, public_rate_per_minute=0, idempotency_secret="another-secret"
    ) as other:
        replay = await other.post("/v1/reports", json=body, headers=key)
    assert replay.status_code == 409
    assert replay.json()["error"]["code"] == "idempotency_answer_unavailable"
    assert await reports_where(test_env, "description LIKE 'Secret rotated:%'") == 1


def _chat(session_id: str, said: str) -> dict[str, Any]:
    return {
        "organisation_id": str(ORG),
        "session_id": session_id,
        "transcript": [
            {"speaker": "bot", "at": "2026-11-20T21:00:00Z", "text": "How can we help?"},
            {"speaker": "resident", "at": "2026-11-20T21:01:00Z", "text": said},
        ],
        "location": {"postcode": "SK1 3XE"},
        "reporter": {"name": "Chat Resident", "email": "chat@example.org"},
    }


async def test_the_same_webchat_session_posted_twice_makes_one_report(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    session = f"chat-{uuid.uuid4()}"
    chat = _chat(session, "Chat retry: people smoking cannabis on the stairs every evening.")
    api_key = {"X-Api-Key": "chat-backend-secret"}
    first = await client.post("/v1/webchat/transcripts", json=chat, headers=api_key)
    second = await client.post("/v1/webchat/transcripts", json=chat, headers=api_key)
    assert first.status_code == second.status_code == 201, second.text
    assert second.json() == first.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert await reports_where(test_env, f"source_reference = 'webchat:{session}'") == 1

    changed = _chat(session, "Chat retry: something else entirely, said in the same session.")
    refused = await client.post("/v1/webchat/transcripts", json=changed, headers=api_key)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "session_id"


async def test_a_staff_report_retried_makes_one_report(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    officer = {"Authorization": f"Bearer {test_env.token('officer', organisation_id=ORG)}"}
    body = report(channel="phone", description="Staff retry: a caller reports fly-tipping daily.")
    headers = {**officer, "Idempotency-Key": f"staff-{uuid.uuid4()}"}
    first = await client.post("/v1/staff/reports", json=body, headers=headers)
    second = await client.post("/v1/staff/reports", json=body, headers=headers)
    assert first.status_code == second.status_code == 201, first.text
    assert second.json() == first.json()
    assert await reports_where(test_env, "description LIKE 'Staff retry:%'") == 1


async def test_a_followup_and_evidence_retried_are_recorded_once(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    made = (await client.post("/v1/reports", json=report())).json()
    base = f"/v1/reports/{made['reference']}"
    token = {"X-Tracking-Token": made["tracking_token"]}
    key = {**token, "Idempotency-Key": f"diary-{uuid.uuid4()}"}
    incident = {"description": "It happened again at 2am.", "occurred_at": "2026-11-21T02:00:00Z"}
    first = await client.post(f"{base}/followups", json=incident, headers=key)
    second = await client.post(f"{base}/followups", json=incident, headers=key)
    assert first.status_code == second.status_code == 201, first.text
    assert second.json() == first.json()

    key = {**token, "Idempotency-Key": f"photo-{uuid.uuid4()}"}
    files = {"files": ("stairs.jpg", tiny_jpeg(), "image/jpeg")}
    added = [
        await client.post(f"{base}/evidence", files=files, data={"description": "x"}, headers=key)
        for _ in range(2)
    ]
    assert [a.status_code for a in added] == [201, 201], added[0].text
    assert added[1].json() == added[0].json()
    url = test_env.database_url("intake")
    report_id = made["id"]
    assert await count_rows(url, "followups", f"report_id = '{report_id}'") == 2
    assert await count_rows(url, "evidence_files", f"report_id = '{report_id}'") == 1


async def test_a_survey_retried_is_thanked_again_not_refused(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    made = (await client.post("/v1/reports", json=report())).json()
    token = {"X-Tracking-Token": made["tracking_token"]}
    case_id, case_reference = uuid.uuid4(), f"CASE-2026-{uuid.uuid4().int % 10**6:06d}"
    await publish_event(
        test_env, case_opened(made, case_reference, 2, case_id=case_id), organisation_id=ORG
    )
    await publish_event(
        test_env, case_resolved(case_id, case_reference, 5, "Stopped"), organisation_id=ORG
    )

    async def closed() -> bool:
        view = (await client.get(f"/v1/reports/{made['reference']}", headers=token)).json()
        return bool(view["survey_open"])

    await eventually(closed)
    key = {**token, "Idempotency-Key": f"survey-{uuid.uuid4()}"}
    answers = {"handling": 5, "outcome": 4}
    url = f"/v1/reports/{made['reference']}/survey"
    first = await client.post(url, json=answers, headers=key)
    second = await client.post(url, json=answers, headers=key)
    assert first.status_code == second.status_code == 201
    assert second.json() == {"status": "thank you"}
    assert (await client.post(url, json=answers, headers=token)).status_code == 409


async def test_an_open311_request_retried_makes_one_report(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    form = {
        "jurisdiction_id": str(ORG),
        "service_code": "graffiti",
        "lat": "53.41",
        "long": "-2.15",
        "email": "fms@example.org",
        "description": "Open311 retry: graffiti sprayed on the garages behind block D.",
    }
    key = {"Idempotency-Key": f"fms-{uuid.uuid4()}"}
    first = await client.post("/open311/v2/requests.json", data=form, headers=key)
    second = await client.post("/open311/v2/requests.xml", data=form, headers=key)
    assert first.status_code == second.status_code == 200, first.text
    reference = first.json()[0]["service_request_id"]
    assert f"<service_request_id>{reference}</service_request_id>" in second.text
    assert await reports_where(test_env, "description LIKE 'Open311 retry:%'") == 1
    reused = await client.post(
        "/open311/v2/requests.json", data={**form, "service_code": "noise"}, headers=key
    )
    assert reused.status_code == 400
    assert reused.json()[0]["description"].startswith("Idempotency-Key:")
