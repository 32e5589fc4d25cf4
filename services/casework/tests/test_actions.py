"""Officers work a case: contacts, an action plan, interventions, evidence, referrals, closure.

Against the real stack: cases are opened by publishing intake's ``ReportReceived`` and the
events casework announces are captured from the broker.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from asb_shared.calendar import LONDON
from asb_shared.contracts import (
    AsbCategory,
    Channel,
    Contact,
    ContactChannel,
    Location,
    ReportReceived,
)
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
from casework.main import definition

ORG = uuid.uuid4()
OTHER_ORG = uuid.uuid4()
OFFICER = "officer-ash"
SHA = "AB" * 32
_numbers = itertools.count(1)

CLOSED = "casework.case.closed"
REFERRAL = "casework.engagement.referral_requested"


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().astimezone(LONDON).date()


def bearer(
    test_env: TestEnvironment, *roles: str, org: uuid.UUID = ORG, subject: str = OFFICER
) -> dict[str, str]:
    token = test_env.token(*roles, organisation_id=org, subject=subject)
    return {"Authorization": f"Bearer {token}"}


async def sql(test_env: TestEnvironment, query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(test_env.database_url("casework").replace("+asyncpg", ""))
    try:
        return list(await conn.fetch(query, *args))
    finally:
        await conn.close()


@pytest.fixture(scope="module")
async def seen(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    # Every event casework announces here is bound, so none is left unroutable.
    async with captured_events(
        test_env,
        CLOSED,
        REFERRAL,
        "casework.case.opened",
        "casework.case.status_changed",
        "casework.case.assigned",
        "casework.report.linked",
    ) as events:
        yield events


@pytest.fixture(scope="module")
async def client(
    test_env: TestEnvironment, seen: list[Envelope]
) -> AsyncIterator[httpx.AsyncClient]:
    async with service_api(test_env, definition) as client, service_worker(test_env, definition):
        yield client


async def open_case(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    *,
    org: uuid.UUID = ORG,
    status: str = "open",
    anonymous: bool = False,
    categories: Sequence[AsbCategory] = (AsbCategory.NOISE,),
) -> tuple[str, str]:
    """Open a case through intake's event and put it in ``status``; returns (id, report ref)."""
    reference = f"ASB-2026-{700000 + next(_numbers)}-{uuid.uuid4().hex[:6]}"
    event = ReportReceived(
        report_id=uuid.uuid4(),
        reference=reference,
        channel=Channel.WEB,
        categories=list(categories),
        description="Shouting and slammed doors on the landing every night.",
        # A street of its own, so the report never joins another test's case.
        location=Location(address=f"{uuid.uuid4().hex[:8]} Action Road", postcode="SK4 1AA"),
        occurred_at=now() - timedelta(days=2),
        received_at=now(),
        anonymous=anonymous,
        reporter=None
        if anonymous
        else Contact(
            name="Sam Reporter", email="sam@example.org", preferred_channel=ContactChannel.EMAIL
        ),
    )
    await publish_event(test_env, event, organisation_id=org)

    async def case_id() -> str | None:
        rows = await sql(
            test_env, "SELECT case_id FROM case_reports WHERE report_reference = $1", reference
        )
        return str(rows[0]["case_id"]) if rows else None

    found = await eventually(case_id)
    got = await client.get(f"/v1/cases/{found}", headers=bearer(test_env, "officer", org=org))
    assert got.status_code == 200
    if got.json()["status"] != status:
        # The opening flow decides the first status (triage, officers); tests pick their own.
        await sql(test_env, "UPDATE cases SET status = $2 WHERE id = $1", uuid.UUID(found), status)
    return found, reference


async def status_of(test_env: TestEnvironment, case_id: str) -> str:
    rows = await sql(test_env, "SELECT status FROM cases WHERE id = $1", uuid.UUID(case_id))
    return str(rows[0]["status"])


async def rows_on(test_env: TestEnvironment, table: str, case_id: str) -> int:
    return await count_rows(test_env.database_url("casework"), table, f"case_id = '{case_id}'")


async def snapshot(test_env: TestEnvironment, case_id: str) -> dict[str, Any]:
    """Everything an action could have written about a case."""
    tables = ["contacts", "action_plans", "interventions", "evidence", "referrals", "timeline"]
    [case] = await sql(
        test_env,
        "SELECT status, version, outcome, closed_at, contact_frequency_days FROM cases"
        " WHERE id = $1",
        uuid.UUID(case_id),
    )
    outbox = await count_rows(
        test_env.database_url("casework"),
        "outbox",
        f"payload::jsonb->'data'->>'case_id' = '{case_id}'",
    )
    return {
        **dict(case),
        "outbox": outbox,
        **{t: await rows_on(test_env, t, case_id) for t in tables},
    }


def events_for(seen: list[Envelope], event_type: str, case_id: str) -> Any:
    async def matching() -> list[Envelope]:
        return [e for e in seen if e.type == event_type and e.data.get("case_id") == case_id]

    return matching


def contact_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "with_whom": "complainant",
        "method": "phone",
        "contacted_at": (now() - timedelta(hours=1)).isoformat(),
        "summary": "Spoke to Sam; the noise carried on until 2am on Saturday.",
    }
    return body | changes


def plan_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "actions": [
            {"action": "Keep a noise diary", "owner": "complainant", "due_date": "2026-12-15"},
            {"action": "Visit the subject", "owner": OFFICER, "due_date": "2026-12-10"},
        ],
        "contact_method": "phone",
        "contact_frequency_days": 14,
        "agreed_with_complainant_at": (now() - timedelta(minutes=30)).isoformat(),
    }
    return body | changes


def intervention_body(kind: str = "warning_letter", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": kind, "on_date": today().isoformat(), "owner": OFFICER}
    return body | changes


def evidence_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "audio",
        "origin": "officer upload",
        "description": "Noise app recording, Saturday 01:40",
        "sha256": SHA,
    }
    return body | changes


def closure_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "outcome": "resolved",
        "reason": "The music stopped after the warning letter; no reports for six weeks.",
        "discussed_with_complainant_at": (now() - timedelta(minutes=10)).isoformat(),
    }
    return body | changes


async def test_an_officer_works_a_case_from_first_contact_to_closure(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    case_id, reference = await open_case(client, test_env)
    headers = bearer(test_env, "officer")
    base = f"/v1/cases/{case_id}"

    contact = await client.post(f"{base}/contacts", json=contact_body(), headers=headers)
    assert contact.status_code == 201, contact.text
    assert contact.json()["with_whom"] == "complainant"
    assert contact.json()["recorded_by"] == OFFICER

    plan = await client.post(f"{base}/action-plans", json=plan_body(), headers=headers)
    assert plan.status_code == 201, plan.text
    assert [a["action"] for a in plan.json()["actions"]] == [
        "Keep a noise diary",
        "Visit the subject",
    ]
    assert await status_of(test_env, case_id) == "action_plan_agreed"
    [case] = await sql(
        test_env, "SELECT contact_frequency_days FROM cases WHERE id = $1", uuid.UUID(case_id)
    )
    assert case["contact_frequency_days"] == 14

    letter = await client.post(f"{base}/interventions", json=intervention_body(), headers=headers)
    assert letter.status_code == 201, letter.text
    assert letter.json()["legal"] is False
    assert await status_of(test_env, case_id) == "interventions"

    injunction = await client.post(
        f"{base}/interventions",
        json=intervention_body(
            "civil_injunction",
            notes="Without notice application",
            positive_requirements=["Attend an alcohol awareness course"],
        ),
        headers=headers,
    )
    assert injunction.status_code == 201, injunction.text
    assert injunction.json()["legal"] is True
    assert injunction.json()["positive_requirements"] == ["Attend an alcohol awareness course"]
    outcome = await client.patch(
        f"{base}/interventions/{letter.json()['id']}",
        json={"outcome": "Acknowledged by the subject; behaviour improved"},
        headers=headers,
    )
    assert outcome.status_code == 200, outcome.text
    assert outcome.json()["outcome"] == "Acknowledged by the subject; behaviour improved"
    missing = await client.patch(
        f"{base}/interventions/{uuid.uuid4()}", json={"outcome": "x"}, headers=headers
    )
    assert missing.status_code == 404

    evidence = await client.post(f"{base}/evidence", json=evidence_body(), headers=headers)
    assert evidence.status_code == 201, evidence.text
    assert evidence.json()["sha256"] == SHA.lower()
    assert evidence.json()["added_by"] == OFFICER

    closure = await client.post(f"{base}/closure", json=closure_body(), headers=headers)
    assert closure.status_code == 201, closure.text
    assert closure.json()["outcome"] == "resolved"
    assert closure.json()["status"] == "resolved"
    [closed] = await sql(
        test_env,
        "SELECT status, outcome, closure_reason, closed_at FROM cases WHERE id = $1",
        uuid.UUID(case_id),
    )
    assert closed["status"] == "resolved" and closed["outcome"] == "resolved"
    assert closed["closure_reason"].startswith("The music stopped") and closed["closed_at"]

    # The closure discussion is a contact with the complainant too.
    contacts = (await client.get(f"{base}/contacts", headers=headers)).json()["items"]
    assert [c["with_whom"] for c in contacts] == ["complainant", "complainant"]
    assert contacts[0]["id"] == closure.json()["discussion_contact_id"]

    [event] = await eventually(events_for(seen, CLOSED, case_id))
    assert event.organisation_id == ORG
    assert event.data["outcome"] == "resolved"
    assert event.data["anonymous"] is False
    assert event.data["complainant"]["email"] == "sam@example.org"
    assert event.data["complainant"]["preferred_channel"] == "email"
    assert event.data["report_references"] == [reference]

    listed = (await client.get(f"{base}/interventions", headers=headers)).json()["items"]
    assert {i["kind"]: i["positive_requirements"] for i in listed} == {
        "civil_injunction": ["Attend an alcohol awareness course"],
        "warning_letter": [],
    }
    assert len((await client.get(f"{base}/action-plans", headers=headers)).json()["items"]) == 1
    assert len((await client.get(f"{base}/evidence", headers=headers)).json()["items"]) == 1
    paged = (await client.get(f"{base}/contacts", params={"limit": 1}, headers=headers)).json()
    assert len(paged["items"]) == 1 and paged["next_cursor"] == contacts[0]["id"]

    kinds = [
        r["kind"]
        for r in await sql(
            test_env,
            "SELECT kind, actor FROM timeline WHERE case_id = $1 AND actor = $2 ORDER BY at, id",
            uuid.UUID(case_id),
            OFFICER,
        )
    ]
    for kind in ("contact", "action_plan", "intervention", "intervention_outcome", "evidence"):
        assert kind in kinds
    assert kinds[-1] == "closure"

    # Reopening clears the outcome; the case can be worked again.
    reopened = await client.post(
        f"{base}/reopen", json={"reason": "The music started again"}, headers=headers
    )
    assert reopened.status_code == 201, reopened.text
    assert reopened.json()["status"] == "reopened"
    [again] = await sql(
        test_env, "SELECT outcome, closed_at FROM cases WHERE id = $1", uuid.UUID(case_id)
    )
    assert again["outcome"] is None and again["closed_at"] is None


async def test_closing_a_named_complainants_case_needs_the_discussion(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    before = await snapshot(test_env, case_id)
    body = closure_body()
    del body["discussed_with_complainant_at"]
    refused = await client.post(
        f"/v1/cases/{case_id}/closure", json=body, headers=bearer(test_env, "officer")
    )
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "validation_failed"
    assert [d["field"] for d in error["details"]] == ["discussed_with_complainant_at"]
    assert await snapshot(test_env, case_id) == before


async def test_an_anonymous_case_closes_without_a_discussion_and_no_complainant(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    case_id, _ = await open_case(client, test_env, anonymous=True, status="open")
    closed = await client.post(
        f"/v1/cases/{case_id}/closure",
        json={"outcome": "information_only", "reason": "Could not be confirmed with anyone."},
        headers=bearer(test_env, "team_leader"),
    )
    assert closed.status_code == 201, closed.text
    assert closed.json()["discussion_contact_id"] is None
    assert await rows_on(test_env, "contacts", case_id) == 0
    [event] = await eventually(events_for(seen, CLOSED, case_id))
    assert event.data["outcome"] == "information_only"
    assert event.data["anonymous"] is True and event.data["complainant"] is None


async def test_a_step_the_lifecycle_does_not_allow_is_a_conflict_listing_the_allowed_ones(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="open")
    headers = bearer(test_env, "officer")
    before = await snapshot(test_env, case_id)

    reopen = await client.post(
        f"/v1/cases/{case_id}/reopen", json={"reason": "try it"}, headers=headers
    )
    assert reopen.status_code == 409
    error = reopen.json()["error"]
    assert error["code"] == "illegal_transition"
    [detail] = error["details"]
    assert detail["type"] == "allowed_commands"
    for command in ("start_investigation", "agree_action_plan", "start_interventions", "resolve"):
        assert command in detail["message"]
    assert "reopen" not in detail["message"]
    assert await snapshot(test_env, case_id) == before

    # Not ASB at triage: no action plan, no interventions, and information only after a plan.
    triaged, _ = await open_case(client, test_env, status="triaged")
    for path, body in (("action-plans", plan_body()), ("interventions", intervention_body())):
        refused = await client.post(f"/v1/cases/{triaged}/{path}", json=body, headers=headers)
        assert refused.status_code == 409, path
        assert "assign" in refused.json()["error"]["details"][0]["message"]
    planned, _ = await open_case(client, test_env, status="action_plan_agreed")
    late = await client.post(
        f"/v1/cases/{planned}/closure",
        json=closure_body(outcome="information_only"),
        headers=headers,
    )
    assert late.status_code == 409
    # Nothing of the refused closure stays behind, not even its discussion contact.
    assert await rows_on(test_env, "contacts", planned) == 0


async def test_another_landlords_officer_finds_no_such_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    intervention = await client.post(
        f"/v1/cases/{case_id}/interventions",
        json=intervention_body(),
        headers=bearer(test_env, "officer"),
    )
    assert intervention.status_code == 201
    before = await snapshot(test_env, case_id)
    theirs = bearer(test_env, "admin", org=OTHER_ORG)
    base = f"/v1/cases/{case_id}"
    writes = [
        ("post", "contacts", contact_body()),
        ("post", "action-plans", plan_body()),
        ("post", "interventions", intervention_body()),
        ("patch", f"interventions/{intervention.json()['id']}", {"outcome": "Complied"}),
        ("post", "evidence", evidence_body()),
        ("post", "referrals", {"kind": "mash", "person_name": "A child", "reason": "Neglect"}),
        ("post", "closure", closure_body()),
        ("post", "reopen", {"reason": "Started again"}),
    ]
    for method, path, body in writes:
        answer = await client.request(method, f"{base}/{path}", json=body, headers=theirs)
        assert answer.status_code == 404, path
        assert answer.json()["error"]["code"] == "not_found"
    for path in ("contacts", "action-plans", "interventions", "evidence", "referrals"):
        assert (await client.get(f"{base}/{path}", headers=theirs)).status_code == 404, path
    assert await snapshot(test_env, case_id) == before


async def test_only_staff_may_act(client: httpx.AsyncClient, test_env: TestEnvironment) -> None:
    case_id, _ = await open_case(client, test_env)
    url = f"/v1/cases/{case_id}/contacts"
    assert (await client.post(url, json=contact_body())).status_code == 401
    forbidden = await client.post(url, json=contact_body(), headers=bearer(test_env, "peo"))
    assert forbidden.status_code == 403


async def test_a_civil_injunction_needs_a_positive_requirement(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    before = await snapshot(test_env, case_id)
    without: list[dict[str, Any]] = [{}, {"positive_requirements": []}]
    for extra in without:
        body = intervention_body("civil_injunction") | extra
        refused = await client.post(
            f"/v1/cases/{case_id}/interventions", json=body, headers=bearer(test_env, "officer")
        )
        assert refused.status_code == 422
        [detail] = refused.json()["error"]["details"]
        assert detail["field"] == "positive_requirements"
    assert await snapshot(test_env, case_id) == before
    assert await status_of(test_env, case_id) == "investigating"


@pytest.fixture(scope="module")
async def shared_case(client: httpx.AsyncClient, test_env: TestEnvironment) -> str:
    """One open case for the tests that only ever expect nothing to be written."""
    case_id, _ = await open_case(client, test_env)
    return case_id


@pytest.mark.parametrize(
    ("path", "body", "fields"),
    [
        (
            "contacts",
            contact_body(with_whom="neighbour", method="pigeon", contacted_at="yesterday"),
            {"with_whom", "method", "contacted_at"},
        ),
        ("contacts", contact_body(contacted_at="2026-01-01T10:00:00"), {"contacted_at"}),
        (
            "contacts",
            contact_body(contacted_at=(now() + timedelta(days=1)).isoformat()),
            {"contacted_at"},
        ),
        ("contacts", contact_body(summary="nul \u0000 byte"), {"summary"}),
        ("contacts", contact_body(mood="angry"), {"mood"}),
        (
            "action-plans",
            plan_body(actions=[], contact_frequency_days=61, contact_method="pigeon"),
            {"actions", "contact_frequency_days", "contact_method"},
        ),
        ("action-plans", plan_body(contact_frequency_days="weekly"), {"contact_frequency_days"}),
        (
            "action-plans",
            plan_body(actions=[{"action": "Diary", "owner": "me", "due_date": "soon"}]),
            {"actions.0.due_date"},
        ),
        ("interventions", intervention_body("asbo"), {"kind"}),
        ("interventions", intervention_body(legal=True), {"legal"}),
        ("interventions", intervention_body(on_date="31/12/2026"), {"on_date"}),
        ("evidence", evidence_body(sha256="not-a-hash", kind="smell"), {"sha256", "kind"}),
        ("evidence", evidence_body(origin="x" * 101), {"origin"}),
        (
            "referrals",
            {"kind": "police", "person_name": "", "reason": "r"},
            {"kind", "person_name"},
        ),
        (
            "referrals",
            {"kind": "mash", "person_name": "B", "reason": "r", "details": [1]},
            {"details"},
        ),
        ("closure", closure_body(outcome="not_asb", reason="short"), {"outcome", "reason"}),
        ("reopen", {}, {"reason"}),
    ],
)
async def test_bad_input_is_refused_with_the_fields_named(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    shared_case: str,
    path: str,
    body: dict[str, Any],
    fields: set[str],
) -> None:
    case_id = shared_case
    before = await snapshot(test_env, case_id)
    answer = await client.post(
        f"/v1/cases/{case_id}/{path}", json=body, headers=bearer(test_env, "officer")
    )
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "validation_failed"
    assert {d["field"] for d in error["details"]} == fields
    assert await snapshot(test_env, case_id) == before


async def test_json_the_database_cannot_hold_is_refused_not_a_server_error(
    client: httpx.AsyncClient, test_env: TestEnvironment, shared_case: str
) -> None:
    case_id = shared_case
    before = await snapshot(test_env, case_id)
    for details in ('{"score": NaN}', '{"note": "a\\u0000b"}', '{"deep": ' * 20 + "1" + "}" * 20):
        answer = await client.post(
            f"/v1/cases/{case_id}/referrals",
            content=f'{{"kind": "mash", "person_name": "C", "reason": "r", "details": {details}}}',
            headers={**bearer(test_env, "officer"), "Content-Type": "application/json"},
        )
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"]["details"][0]["field"] == "details"
    assert await snapshot(test_env, case_id) == before


async def test_referrals_to_engagement_are_announced_and_marac_needs_domestic_abuse(
    client: httpx.AsyncClient, test_env: TestEnvironment, seen: list[Envelope]
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    headers = bearer(test_env, "officer")
    base = f"/v1/cases/{case_id}/referrals"
    engagement = await client.post(
        base,
        json={
            "kind": "engagement",
            "person_name": "Alex Subject",
            "reason": "Alcohol-related noise; keen to keep the tenancy",
            "details": {"consent": "verbal", "needs": ["alcohol", "debt"]},
        },
        headers=headers,
    )
    assert engagement.status_code == 201, engagement.text
    assert engagement.json()["details"] == {"consent": "verbal", "needs": ["alcohol", "debt"]}
    [event] = await eventually(events_for(seen, REFERRAL, case_id))
    assert event.data["referral_id"] == engagement.json()["id"]
    assert event.data["subject_name"] == "Alex Subject"
    assert event.data["requested_by"] == OFFICER

    mash = await client.post(
        base,
        json={"kind": "mash", "person_name": "A child at the flat", "reason": "Neglect seen"},
        headers=headers,
    )
    assert mash.status_code == 201

    before = await snapshot(test_env, case_id)
    marac = {"kind": "marac", "person_name": "Victim", "reason": "High risk DASH score"}
    refused = await client.post(base, json=marac, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "kind"
    assert await snapshot(test_env, case_id) == before

    abuse, _ = await open_case(client, test_env, categories=[AsbCategory.DOMESTIC_ABUSE])
    accepted = await client.post(f"/v1/cases/{abuse}/referrals", json=marac, headers=headers)
    assert accepted.status_code == 201, accepted.text

    listed = (await client.get(base, headers=headers)).json()["items"]
    assert [r["kind"] for r in listed] == ["mash", "engagement"]
    # Only the engagement referral is announced (to the engagement service).
    assert len(await events_for(seen, REFERRAL, case_id)()) == 1
    assert await events_for(seen, REFERRAL, abuse)() == []


async def test_legal_actions_are_counted_year_to_date_for_the_callers_organisation(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    headers = bearer(test_env, "team_leader", org=org)
    case_id, _ = await open_case(client, test_env, org=org, status="investigating")
    year = today().year
    recorded = [
        intervention_body("community_protection_notice"),
        intervention_body("eviction"),
        intervention_body("notice_of_seeking_possession"),
        intervention_body("warning_letter"),
        intervention_body("community_protection_warning"),
        intervention_body("demotion", on_date=date(year - 1, 6, 1).isoformat()),
        intervention_body("possession", on_date=date(year + 1, 2, 1).isoformat()),
    ]
    for body in recorded:
        answer = await client.post(f"/v1/cases/{case_id}/interventions", json=body, headers=headers)
        assert answer.status_code == 201, answer.text

    count = await client.get(
        "/v1/interventions/legal-count", params={"year": year}, headers=headers
    )
    assert count.status_code == 200
    assert count.json()["legal_actions"] == 3
    assert count.json()["by_kind"] == {
        "community_protection_notice": 1,
        "eviction": 1,
        "notice_of_seeking_possession": 1,
    }
    assert count.json()["as_of"] == today().isoformat()
    default = (await client.get("/v1/interventions/legal-count", headers=headers)).json()
    assert default["year"] == year and default["legal_actions"] == 3
    last = await client.get(
        "/v1/interventions/legal-count", params={"year": year - 1}, headers=headers
    )
    assert last.json()["legal_actions"] == 1 and last.json()["as_of"] == f"{year - 1}-12-31"
    others = await client.get(
        "/v1/interventions/legal-count",
        params={"year": year},
        headers=bearer(test_env, "officer", org=uuid.uuid4()),
    )
    assert others.json()["legal_actions"] == 0
    bad = await client.get("/v1/interventions/legal-count", params={"year": "x"}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "query.year"
