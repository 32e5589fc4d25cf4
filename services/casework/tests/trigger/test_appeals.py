"""A case review's applicant is told each step (the decision, the outcome, their appeal) by an
event notifications acts on, with their own contact wishes; an appeal has its own timer on the
standards clock, and one not decided in time breaches."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from asb_shared.calendar import DEFAULT_CALENDAR
from asb_shared.contracts.common import Contact, ContactChannel, ContactPreferences, Location
from asb_shared.contracts.intake import CaseReviewRequested, Reporter
from asb_shared.db import Database
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework.trigger.appeals import appeal_by, appeal_refusal
from casework_samples import bearer, now, received_v2, sql
from casework_timers import settle

PROGRESSED = "casework.case_review.progressed"


def test_an_appeal_comes_after_being_told_and_within_the_policys_days() -> None:
    told = datetime(2026, 12, 1, 10, tzinfo=UTC)  # a Tuesday
    last = appeal_by(told, 20, DEFAULT_CALENDAR)
    assert last == DEFAULT_CALENDAR.due_at(told, 20)
    assert appeal_refusal("refused", told + timedelta(days=2), told, last) is None
    assert appeal_refusal("closed", last, told, last) is None
    assert "ended" in str(appeal_refusal("closed", last + timedelta(seconds=1), told, last))
    assert "before" in str(appeal_refusal("refused", told - timedelta(days=1), told, last))
    assert "follows" in str(appeal_refusal("accepted", told, told, last))


async def _application(
    test_env: TestEnvironment, org: uuid.UUID, *, language: str = "en"
) -> tuple[str, str]:
    reference = f"ASB-2026-{540000 + uuid.uuid4().int % 9999}-{uuid.uuid4().hex[:4]}"
    await publish_event(
        test_env,
        received_v2(
            reference,
            location=Location(address=f"{uuid.uuid4().hex[:6]} Appeal Row", postcode="SK2 1AA"),
            reporter=Reporter(name="Lee", email="lee@example.org"),
        ),
        organisation_id=org,
    )
    [row] = await eventually(
        lambda: sql(
            test_env, "SELECT case_id FROM case_reports WHERE report_reference = $1", reference
        )
    )
    application_id = uuid.uuid4()
    await publish_event(
        test_env,
        CaseReviewRequested(
            application_id=application_id,
            applicant=Contact(name="Lee", email="lee@example.org"),
            report_references=[reference],
            description="I reported it three times and nothing changed.",
            applicant_preferences=ContactPreferences(
                safe=[ContactChannel.EMAIL], preferred=ContactChannel.EMAIL, language=language
            ),
        ),
        organisation_id=org,
    )
    await eventually(
        lambda: sql(test_env, "SELECT 1 FROM case_reviews WHERE id = $1", application_id)
    )
    return str(application_id), str(row["case_id"])


def _progress(seen: list[Envelope], review_id: str) -> list[dict[str, Any]]:
    return [e.data for e in seen if e.type == PROGRESSED and e.data["application_id"] == review_id]


async def test_the_applicant_is_told_the_refusal_and_their_appeal_and_its_decision(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    org = uuid.uuid4()
    review_id, case_id = await _application(test_env, org, language="cy")
    leader = bearer(test_env, "team_leader", org=org, subject="leader-1")
    url = f"/v1/case-reviews/{review_id}"
    early = await client.post(f"{url}/appeal", json={"grounds": "Too soon"}, headers=leader)
    assert early.status_code == 409, early.text

    refused = await client.post(
        f"{url}/decision",
        json={"accepted": False, "reason": "One report in six months"},
        headers=leader,
    )
    assert refused.status_code == 200, refused.text

    async def told(count: int) -> list[dict[str, Any]] | None:
        found = _progress(seen, review_id)
        return found if len(found) >= count else None

    [decision] = await eventually(lambda: told(1))
    assert (decision["step"], decision["decision"]) == ("decision", "refused")
    assert decision["text"] == "One report in six months"
    assert decision["appeal_by"] is not None
    applicant = decision["applicant"]
    assert applicant["person_id"] == review_id and applicant["email"] == "lee@example.org"
    assert applicant["preferences"]["language"] == "cy"
    assert applicant["preferences"]["safe"] == ["email"]

    appealed = await client.post(
        f"{url}/appeal", json={"grounds": "I sent three diaries"}, headers=leader
    )
    assert appealed.status_code == 200, appealed.text
    assert appealed.json()["status"] == "appealed"
    [timer] = await sql(
        test_env,
        "SELECT status, started_at, due_at FROM standards"
        " WHERE case_id = $1 AND kind = 'case_review_appeal'",
        uuid.UUID(case_id),
    )
    assert timer["status"] == "running"
    assert timer["due_at"] == DEFAULT_CALENDAR.due_at(timer["started_at"], 20)
    decided = await client.post(
        f"{url}/appeal/decision",
        json={"upheld": True, "reason": "The diaries were missed: a review will be held"},
        headers=leader,
    )
    assert decided.status_code == 200 and decided.json()["appeal_decision"] == "upheld"
    steps = [p["step"] for p in await eventually(lambda: told(3))]
    assert steps == ["decision", "appeal_received", "appeal_decision"]
    [timer] = await sql(
        test_env,
        "SELECT status FROM standards WHERE case_id = $1 AND kind = 'case_review_appeal'",
        uuid.UUID(case_id),
    )
    assert timer["status"] == "met"
    again = await client.post(f"{url}/appeal", json={"grounds": "Again"}, headers=leader)
    assert again.status_code == 409


async def test_an_appeal_out_of_time_is_refused_and_one_not_decided_in_time_breaches(
    client: httpx.AsyncClient, test_env: TestEnvironment, db: Database
) -> None:
    org = uuid.uuid4()
    review_id, case_id = await _application(test_env, org)
    leader = bearer(test_env, "team_leader", org=org, subject="leader-1")
    url = f"/v1/case-reviews/{review_id}"
    assert (
        await client.post(
            f"{url}/decision", json={"accepted": False, "reason": "Not met"}, headers=leader
        )
    ).status_code == 200
    # The refusal was sent 60 days ago (time passing, as the clock would see it).
    told = now() - timedelta(days=60)
    await sql(
        test_env,
        "UPDATE case_reviews SET decided_at = $2 WHERE id = $1",
        uuid.UUID(review_id),
        told,
    )
    late = await client.post(f"{url}/appeal", json={"grounds": "Late"}, headers=leader)
    assert late.status_code == 422, late.text
    assert late.json()["error"]["details"][0]["field"] == "received_at"

    # An appeal that came in time (a letter 55 days ago), never decided: its timer breaches.
    received = (told + timedelta(days=5)).isoformat()
    appealed = await client.post(
        f"{url}/appeal", json={"grounds": "By letter", "received_at": received}, headers=leader
    )
    assert appealed.status_code == 200, appealed.text
    await settle(db)
    [timer] = await sql(
        test_env,
        "SELECT status, breached_at FROM standards"
        " WHERE case_id = $1 AND kind = 'case_review_appeal'",
        uuid.UUID(case_id),
    )
    assert timer["status"] == "breached" and timer["breached_at"] is not None
    breaches = await sql(
        test_env,
        "SELECT payload::jsonb->'data'->>'kind' AS kind FROM outbox"
        " WHERE routing_key = 'casework.standard.breached'"
        " AND payload::jsonb->'data'->>'case_id' = $1",
        case_id,
    )
    assert "case_review_appeal" in [b["kind"] for b in breaches]
