"""A councillor's enquiry has its own response deadline: breached when not answered in time,
met when answered."""

from __future__ import annotations

import uuid

import httpx
from asb_shared.testing import TestEnvironment, eventually
from casework_samples import bearer, open_case, sql


async def _timer(test_env: TestEnvironment, enquiry_id: str) -> dict[str, object]:
    [row] = await sql(
        test_env,
        "SELECT status, kind, due_at, breached_at FROM standards WHERE person_id = $1",
        uuid.UUID(enquiry_id),
    )
    return dict(row)


async def test_a_councillors_enquiry_not_answered_in_time_is_breached(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    made = await client.post(
        f"/v1/cases/{case_id}/enquiries",
        json={
            "enquirer": "councillor",
            "enquirer_name": "Cllr Pat Jones",
            "question": "What is being done about the noise at this address?",
        },
        headers=officer,
    )
    assert made.status_code == 201, made.text
    enquiry = made.json()
    timer = await _timer(test_env, enquiry["id"])
    assert timer["kind"] == "enquiry_response" and timer["status"] == "running"
    assert timer["due_at"].isoformat() == enquiry["due_at"].replace("Z", "+00:00")

    # Time passes: the deadline is behind us and nobody answered.
    await sql(
        test_env,
        "UPDATE standards SET warn_at = now() - interval '2 days', "
        "due_at = now() - interval '1 day' WHERE person_id = $1",
        uuid.UUID(enquiry["id"]),
    )

    async def breached() -> bool:
        return (await _timer(test_env, enquiry["id"]))["status"] == "breached"

    await eventually(breached)
    entries = await sql(
        test_env,
        "SELECT summary FROM timeline WHERE case_id = $1 AND kind = 'standard_breached'",
        uuid.UUID(case_id),
    )
    assert any("enquiry_response" in e["summary"] for e in entries)

    answered = await client.post(
        f"/v1/cases/{case_id}/enquiries/{enquiry['id']}/answer",
        json={"answer": "A warning letter went on Monday; we visit this week."},
        headers=officer,
    )
    assert answered.status_code == 200
    # Answered late: the breach stands.
    assert (await _timer(test_env, enquiry["id"]))["status"] == "breached"
    again = await client.post(
        f"/v1/cases/{case_id}/enquiries/{enquiry['id']}/answer",
        json={"answer": "again"},
        headers=officer,
    )
    assert again.status_code == 409


async def test_an_mps_enquiry_answered_in_time_is_met(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    officer = bearer(test_env, "officer")
    made = await client.post(
        f"/v1/cases/{case_id}/enquiries",
        json={"enquirer": "mp", "enquirer_name": "A. Member MP", "question": "Any news?"},
        headers=officer,
    )
    enquiry = made.json()
    answered = await client.post(
        f"/v1/cases/{case_id}/enquiries/{enquiry['id']}/answer",
        json={"answer": "Yes: mediation is booked."},
        headers=officer,
    )
    assert answered.status_code == 200
    assert (await _timer(test_env, enquiry["id"]))["status"] == "met"
    listed = await client.get(f"/v1/cases/{case_id}/enquiries", headers=officer)
    assert [e["enquirer"] for e in listed.json()["items"]] == ["mp"]
