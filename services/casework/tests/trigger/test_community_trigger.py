"""The Community Trigger against the real database and bus: counted on every named report, the
case flagged and the complainant told once; applications recorded, checked and worked through
their steps, each against its working-day timer."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from asb_shared.contracts.common import AsbCategory, Contact, Location
from asb_shared.contracts.intake import CaseReviewRequested, Reporter
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework.policy.settings import PolicySettings
from casework.standards.policy import deadline_after
from casework_samples import bearer, now, received_v2, sql

ELIGIBLE = "casework.community_trigger.eligible"
REASON = "Board approved the Community Trigger procedure"


async def _report(
    test_env: TestEnvironment,
    org: uuid.UUID,
    reference: str,
    *,
    email: str,
    address: str,
    days_ago: float = 0,
    **changes: Any,
) -> str:
    event = received_v2(
        reference,
        location=Location(address=address, postcode="SK1 2AB"),
        received_at=now() - timedelta(days=days_ago),
        occurred_at=now() - timedelta(days=days_ago + 1),
        reporter=Reporter(name="Pat Jones", email=email),
        **changes,
    )
    await publish_event(test_env, event, organisation_id=org)

    async def case_id() -> str | None:
        rows = await sql(
            test_env, "SELECT case_id FROM case_reports WHERE report_reference = $1", reference
        )
        return str(rows[0]["case_id"]) if rows else None

    return str(await eventually(case_id))


async def _eligibility(test_env: TestEnvironment, org: uuid.UUID) -> list[Any]:
    return await sql(
        test_env,
        "SELECT rule, counted, case_id, person_id FROM trigger_eligibility"
        " WHERE organisation_id = $1",
        org,
    )


async def _handled(test_env: TestEnvironment, reference: str) -> None:
    """Wait until the report's whole transaction (the counting included) has committed."""
    await eventually(
        lambda: sql(test_env, "SELECT 1 FROM case_reports WHERE report_reference = $1", reference)
    )


def _told(seen: list[Envelope], org: uuid.UUID) -> list[Envelope]:
    return [e for e in seen if e.type == ELIGIBLE and e.organisation_id == org]


async def test_the_third_report_meets_the_threshold_and_the_complainant_is_told_once(
    seen: list[Envelope], client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    email = f"pat-{uuid.uuid4().hex[:6]}@example.org"
    first = await _report(
        test_env, org, "ASB-2026-520001", email=email, address="5 Elm Close", days_ago=40
    )
    await _report(test_env, org, "ASB-2026-520002", email=email, address="5 Elm Close", days_ago=20)
    assert await _eligibility(test_env, org) == []
    headers = bearer(test_env, "officer", org=org)
    flag = (await client.get(f"/v1/cases/{first}/community-trigger", headers=headers)).json()
    assert flag == {"eligible": False, "met": [], "applications": []}

    third = await _report(test_env, org, "ASB-2026-520003", email=email, address="5 Elm Close")
    assert third == first  # the same problem: linked into the open case
    [met] = await eventually(lambda: _eligibility(test_env, org))
    assert (met["rule"], met["counted"], str(met["case_id"])) == ("reports_in_period", 3, first)
    [event] = await eventually(lambda: _told_async(seen, org))
    assert event.data["person_id"] == str(met["person_id"])
    assert event.data["reports_counted"] == 3 and event.data["rule"] == "reports_in_period"
    assert event.data["case_id"] == first

    await _report(test_env, org, "ASB-2026-520004", email=email.upper(), address="5 Elm Close")
    flag = (await client.get(f"/v1/cases/{first}/community-trigger", headers=headers)).json()
    assert flag["eligible"] is True and [m["counted"] for m in flag["met"]] == [3]
    assert len(await _eligibility(test_env, org)) == 1
    assert len(_told(seen, org)) == 1  # once per complainant and rule
    timeline = (await client.get(f"/v1/cases/{first}/timeline", headers=headers)).json()
    assert [e["kind"] for e in timeline].count("community_trigger_eligible") == 1
    # Another landlord's staff cannot read the flag.
    theirs = bearer(test_env, "officer", org=uuid.uuid4())
    assert (
        await client.get(f"/v1/cases/{first}/community-trigger", headers=theirs)
    ).status_code == 404


async def _told_async(seen: list[Envelope], org: uuid.UUID) -> list[Envelope]:
    return _told(seen, org)


async def test_reports_older_than_six_months_or_by_someone_else_are_not_counted(
    seen: list[Envelope], client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    email = "sam@example.org"
    await _report(test_env, org, "ASB-2026-521001", email=email, address="7 Ash Row", days_ago=200)
    await _report(
        test_env,
        org,
        "ASB-2026-521002",
        email="someone@example.org",
        address="7 Ash Row",
        days_ago=30,
    )
    await _report(test_env, org, "ASB-2026-521003", email=email, address="7 Ash Row", days_ago=10)
    await _report(test_env, org, "ASB-2026-521004", email=email, address="9 Other Street")
    await _report(test_env, org, "ASB-2026-521005", email=email, address="7 Ash Row")
    assert await _eligibility(test_env, org) == []
    assert _told(seen, org) == []


async def _set_policy(
    client: httpx.AsyncClient, test_env: TestEnvironment, org: uuid.UUID, **trigger: Any
) -> None:
    settings = PolicySettings().model_dump(mode="json")
    settings["community_trigger"] |= trigger
    got = await client.put(
        f"/v1/organisations/{org}/policy",
        json={"reason": REASON, "settings": settings},
        headers=bearer(test_env, "admin", org=org, subject="admin-1"),
    )
    assert got.status_code == 200, got.text


async def test_each_landlord_sets_its_own_thresholds(
    seen: list[Envelope], client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    two, hate = uuid.uuid4(), uuid.uuid4()
    await _set_policy(client, test_env, two, reports=2)
    await _set_policy(client, test_env, hate, hate_incident_rule=True)
    await _report(
        test_env, two, "ASB-2026-522001", email="a@example.org", address="1 Low Road", days_ago=3
    )
    await _report(test_env, two, "ASB-2026-522002", email="a@example.org", address="1 Low Road")
    [met] = await eventually(lambda: _eligibility(test_env, two))
    assert (met["rule"], met["counted"]) == ("reports_in_period", 2)
    await _report(
        test_env,
        hate,
        "ASB-2026-522003",
        email="b@example.org",
        address="2 High Road",
        categories=[AsbCategory.HATE_INCIDENT],
        description="Racist abuse shouted at my door.",
    )
    [met] = await eventually(lambda: _eligibility(test_env, hate))
    assert (met["rule"], met["counted"]) == ("hate_incident", 1)
    # The same two reports under the defaults meet nothing.
    default = uuid.uuid4()
    await _report(
        test_env,
        default,
        "ASB-2026-522004",
        email="a@example.org",
        address="1 Low Road",
        days_ago=3,
    )
    await _report(
        test_env,
        default,
        "ASB-2026-522005",
        email="a@example.org",
        address="1 Low Road",
        categories=[AsbCategory.HATE_INCIDENT],
    )
    assert await _eligibility(test_env, default) == []


async def test_an_anonymous_reporter_is_never_counted_nor_told(
    seen: list[Envelope], client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    for n in range(3):
        await _report(
            test_env,
            org,
            f"ASB-2026-52300{n}",
            email="anon@example.org",
            address="4 Quiet Lane",
            anonymous=True,
        )
    assert await _eligibility(test_env, org) == []
    assert _told(seen, org) == []


@pytest.fixture
async def application(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> tuple[uuid.UUID, str, str]:
    org = uuid.uuid4()
    email = f"lee-{uuid.uuid4().hex[:6]}@example.org"
    refs = [f"ASB-2026-{530000 + n}-{uuid.uuid4().hex[:4]}" for n in range(3)]
    case_id = ""
    for n, ref in enumerate(refs):
        case_id = await _report(
            test_env, org, ref, email=email, address="8 Birch Way", days_ago=3 - n
        )
    application_id = uuid.uuid4()
    await publish_event(
        test_env,
        CaseReviewRequested(
            application_id=application_id,
            applicant=Contact(name="Lee", email=email),
            report_references=refs[:1],
            description="Three reports and nothing changed.",
        ),
        organisation_id=org,
    )
    await eventually(
        lambda: sql(test_env, "SELECT 1 FROM case_reviews WHERE id = $1", application_id)
    )
    return org, str(application_id), case_id


async def _timers(test_env: TestEnvironment, case_id: str) -> dict[str, str]:
    rows = await sql(
        test_env,
        "SELECT kind, status FROM standards WHERE case_id = $1 AND kind LIKE 'case_review_%'",
        uuid.UUID(case_id),
    )
    return {r["kind"]: r["status"] for r in rows}


async def test_an_application_is_checked_and_worked_through_its_steps_on_timers(
    client: httpx.AsyncClient, test_env: TestEnvironment, application: tuple[uuid.UUID, str, str]
) -> None:
    org, review_id, case_id = application
    leader = bearer(test_env, "team_leader", org=org, subject="leader-1")
    url = f"/v1/case-reviews/{review_id}"
    got = (await client.get(url, headers=bearer(test_env, "officer", org=org))).json()
    assert got["status"] == "received" and got["eligible"] is True
    assert got["case_ids"] == [case_id]
    assert got["eligibility"]["met"][0]["rule"] == "reports_in_period"
    assert got["eligibility"]["met"][0]["counted"] == 3
    assert await _timers(test_env, case_id) == {"case_review_decision": "running"}
    [decision_due] = await sql(
        test_env,
        "SELECT started_at, due_at FROM standards WHERE case_id = $1 AND kind = 'case_review_decision'",
        uuid.UUID(case_id),
    )
    # Five working days on the landlord's calendar (weekends and bank holidays skipped).
    expected = deadline_after(decision_due["started_at"], 5).due_at
    assert decision_due["due_at"] == expected
    [timer] = (
        await client.get(f"{url}/timers", headers=bearer(test_env, "officer", org=org))
    ).json()
    assert (timer["kind"], timer["status"]) == ("case_review_decision", "running")
    assert datetime.fromisoformat(timer["due_at"]) == expected

    early = await client.post(f"{url}/meeting", json=_meeting(), headers=leader)
    assert early.status_code == 409 and "decision" in early.json()["error"]["message"]
    officer = bearer(test_env, "officer", org=org)
    assert (
        await client.post(
            f"{url}/decision", json={"accepted": True, "reason": "Met"}, headers=officer
        )
    ).status_code == 403

    decided = await client.post(
        f"{url}/decision",
        json={"accepted": True, "reason": "Three reports in six months"},
        headers=leader,
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["decision"] == "accepted" and decided.json()["decided_by"]
    assert await _timers(test_env, case_id) == {
        "case_review_decision": "met",
        "case_review_meeting": "running",
    }
    held = await client.post(f"{url}/meeting", json=_meeting(), headers=leader)
    assert held.status_code == 200 and held.json()["status"] == "meeting_held"
    assert (await _timers(test_env, case_id))["case_review_outcome"] == "running"
    recommended = await client.post(
        f"{url}/recommendations",
        json={
            "recommendations": [
                {"action": "Joint visit with police", "owner": "PC Khan", "due_date": "2027-01-10"}
            ]
        },
        headers=leader,
    )
    assert (
        recommended.status_code == 200
        and recommended.json()["recommendations"][0]["owner"] == "PC Khan"
    )
    done = await client.post(
        f"{url}/outcome", json={"outcome": "Case reopened with a new plan"}, headers=leader
    )
    assert done.status_code == 200 and done.json()["status"] == "closed"
    assert set((await _timers(test_env, case_id)).values()) == {"met"}
    steps = (await client.get(f"{url}/timers", headers=officer)).json()
    assert [(t["kind"], t["status"]) for t in steps] == [
        ("case_review_decision", "met"),
        ("case_review_meeting", "met"),
        ("case_review_outcome", "met"),
    ]
    assert all(t["met_at"] and t["due_at"] for t in steps)
    again = await client.post(f"{url}/outcome", json={"outcome": "Again"}, headers=leader)
    assert again.status_code == 409

    timeline = (await client.get(f"/v1/cases/{case_id}/timeline", headers=officer)).json()
    kinds = [e["kind"] for e in timeline]
    for kind in (
        "case_review_requested",
        "case_review_decided",
        "case_review_meeting",
        "case_review_outcome",
    ):
        assert kind in kinds
    flag = (await client.get(f"/v1/cases/{case_id}/community-trigger", headers=officer)).json()
    assert [a["id"] for a in flag["applications"]] == [review_id]
    listed = (await client.get("/v1/case-reviews", headers=officer)).json()
    assert [a["id"] for a in listed["items"]] == [review_id]


def _meeting() -> dict[str, Any]:
    return {
        "held_at": (now() - timedelta(hours=2)).isoformat(),
        "attendees": ["Housing ASB lead", "Police sergeant"],
        "notes": "Agreed a joint visit",
    }


async def test_another_landlords_staff_find_no_such_application(
    client: httpx.AsyncClient, test_env: TestEnvironment, application: tuple[uuid.UUID, str, str]
) -> None:
    _, review_id, _ = application
    theirs = bearer(test_env, "admin", org=uuid.uuid4())
    url = f"/v1/case-reviews/{review_id}"
    assert (await client.get(url, headers=theirs)).status_code == 404
    assert (await client.get(f"{url}/timers", headers=theirs)).status_code == 404
    decided = await client.post(
        f"{url}/decision", json={"accepted": False, "reason": "Not met"}, headers=theirs
    )
    assert decided.status_code == 404
    assert (await client.get("/v1/case-reviews", headers=theirs)).json()["items"] == []


@pytest.mark.parametrize(
    ("step", "body", "field"),
    [
        ("decision", {"accepted": "perhaps", "reason": "Because"}, "accepted"),
        ("decision", {"accepted": True, "reason": "x\x00y"}, "reason"),
        ("decision", {"accepted": True}, "reason"),
        ("meeting", {"held_at": "2999-01-01T10:00:00Z", "attendees": ["A"]}, "held_at"),
        ("meeting", {"held_at": "2026-01-01T10:00:00Z", "attendees": []}, "attendees"),
        (
            "recommendations",
            {"recommendations": [{"action": "A", "owner": "B", "due_date": "soon"}]},
            "due_date",
        ),
        ("outcome", {"outcome": ""}, "outcome"),
    ],
)
async def test_bad_input_is_a_422_naming_the_field(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    step: str,
    body: dict[str, Any],
    field: str,
) -> None:
    got = await client.post(
        f"/v1/case-reviews/{uuid.uuid4()}/{step}",
        json=body,
        headers=bearer(test_env, "team_leader"),
    )
    assert got.status_code == 422, got.text
    assert field in [d["field"].split(".")[-1] for d in got.json()["error"]["details"]]
