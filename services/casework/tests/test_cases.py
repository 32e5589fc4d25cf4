"""Casework opens cases from intake's events and shows them to officers of the same landlord."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from asb_shared.contracts import (
    AsbCategory,
    CaseReviewRequested,
    Channel,
    Contact,
    ContactChannel,
    EvidenceRef,
    FollowupReceived,
    Location,
    MessageDelivered,
    Person,
    ReportReceived,
    SurveySubmitted,
)
from asb_shared.messaging import Envelope, Outbox
from asb_shared.service import main as service_main
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


def received(reference: str, **changes: object) -> ReportReceived:
    values: dict[str, object] = {
        "report_id": uuid.uuid4(),
        "reference": reference,
        "channel": Channel.WEB,
        "categories": [AsbCategory.NOISE],
        "description": "Loud music every night from the flat above mine.",
        "location": Location(address=f"{reference[-4:]} Test Street", postcode="SK1 1AA"),
        "occurred_at": datetime(2026, 11, 20, 23, 0, tzinfo=UTC),
        "received_at": datetime.now(UTC),
        "anonymous": False,
        "reporter": Contact(name="Jo", email="jo@example.org", preferred_channel="email"),
    }
    values.update(changes)
    return ReportReceived(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
async def opened(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    async with captured_events(test_env, "casework.case.opened") as seen:
        yield seen


@pytest.fixture(scope="module")
async def client(
    test_env: TestEnvironment, opened: list[Envelope]
) -> AsyncIterator[httpx.AsyncClient]:
    async with service_api(test_env, definition) as client, service_worker(test_env, definition):
        yield client


def bearer(test_env: TestEnvironment, *roles: str, org: uuid.UUID = ORG) -> dict[str, str]:
    return {"Authorization": f"Bearer {test_env.token(*roles, organisation_id=org)}"}


async def _matching(seen: list[Envelope], case_id: str) -> list[Envelope]:
    return [e for e in seen if e.data["case_id"] == case_id]


async def cases_for(test_env: TestEnvironment, report_reference: str) -> int:
    return await count_rows(
        test_env.database_url("casework"),
        "case_reports",
        f"report_reference = '{report_reference}'",
    )


async def test_a_report_opens_a_case_and_announces_it(
    client: httpx.AsyncClient, test_env: TestEnvironment, opened: list[Envelope]
) -> None:
    cause = await publish_event(test_env, received("ASB-2026-100001"), organisation_id=ORG)
    await eventually(lambda: cases_for(test_env, "ASB-2026-100001"))
    page = (
        await client.get(
            "/v1/cases",
            params={"report_reference": "ASB-2026-100001"},
            headers=bearer(test_env, "officer"),
        )
    ).json()
    [case] = page["items"]
    assert case["reference"].startswith("CASE-")
    assert case["location"] == "0001 Test Street, SK1 1AA"
    assert case["status"] == "triaged"  # no officers registered in this organisation yet
    assert case["patch"] == "SK1"
    url = test_env.database_url("casework")
    assert (
        await count_rows(
            url,
            "outbox",
            f"routing_key = 'casework.case.opened' AND payload::jsonb->'data'->>'case_id' = '{case['id']}'",
        )
        == 1
    )
    [event] = await eventually(lambda: _matching(opened, case["id"]))
    assert event.causation_id == cause.id
    assert event.correlation_id == cause.correlation_id
    assert event.organisation_id == ORG
    assert event.data["report_reference"] == "ASB-2026-100001"
    assert event.data["complainant"]["email"] == "jo@example.org"

    detail = (
        await client.get(f"/v1/cases/{case['id']}", headers=bearer(test_env, "officer"))
    ).json()
    assert detail["complainant"]["email"] == "jo@example.org"
    assert [r["report_reference"] for r in detail["reports"]] == ["ASB-2026-100001"]


async def test_a_report_that_arrives_twice_opens_one_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    event = received("ASB-2026-100002")
    # Two envelopes (a producer that sent it twice), not one envelope delivered twice.
    await publish_event(test_env, event, organisation_id=ORG)
    second = await publish_event(test_env, event, organisation_id=ORG)
    await eventually(
        lambda: count_rows(test_env.database_url("casework"), "inbox", f"event_id = '{second.id}'")
    )
    assert await cases_for(test_env, "ASB-2026-100002") == 1
    assert (
        await count_rows(
            test_env.database_url("casework"),
            "cases",
            "summary LIKE 'Loud music%' AND id IN (SELECT case_id FROM case_reports WHERE report_reference = 'ASB-2026-100002')",
        )
        == 1
    )


async def test_staff_endpoints_need_a_valid_token_and_a_staff_role(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    assert (await client.get("/v1/cases")).status_code == 401
    assert (
        await client.get("/v1/cases", headers={"Authorization": "Bearer not-a-jwt"})
    ).status_code == 401
    forbidden = await client.get("/v1/cases", headers=bearer(test_env, "peo"))
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["code"] == "forbidden"
    assert (
        await client.get("/v1/cases", headers=bearer(test_env, "team_leader"))
    ).status_code == 200


async def test_an_officer_cannot_see_another_landlords_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(test_env, received("ASB-2026-100003"), organisation_id=OTHER_ORG)
    await eventually(lambda: cases_for(test_env, "ASB-2026-100003"))
    theirs = await client.get(
        "/v1/cases",
        params={"report_reference": "ASB-2026-100003"},
        headers=bearer(test_env, "officer", org=OTHER_ORG),
    )
    [case] = theirs.json()["items"]
    ours = await client.get(
        "/v1/cases",
        params={"report_reference": "ASB-2026-100003"},
        headers=bearer(test_env, "officer"),
    )
    assert ours.json()["items"] == []
    detail = await client.get(f"/v1/cases/{case['id']}", headers=bearer(test_env, "admin"))
    assert detail.status_code == 404  # not 403: its existence is not disclosed


async def test_case_list_pages_with_a_cursor(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    for n in range(5):
        await publish_event(test_env, received(f"ASB-2026-2000{n:02d}"), organisation_id=org)

    async def all_opened() -> bool:
        return (
            await count_rows(
                test_env.database_url("casework"), "cases", f"organisation_id = '{org}'"
            )
            == 5
        )

    await eventually(all_opened)
    headers = bearer(test_env, "officer", org=org)
    first = (await client.get("/v1/cases", params={"limit": 3}, headers=headers)).json()
    second = (
        await client.get(
            "/v1/cases", params={"limit": 3, "cursor": first["next_cursor"]}, headers=headers
        )
    ).json()
    assert len(first["items"]) == 3 and len(second["items"]) == 2
    assert second["next_cursor"] is None
    ids = [c["id"] for c in first["items"] + second["items"]]
    assert len(set(ids)) == 5 and ids == sorted(ids, reverse=True)
    bad = await client.get("/v1/cases", params={"limit": 0}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "query.limit"


async def test_the_operator_command_lists_and_replays_parked_messages(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An envelope whose data breaks the contract cannot be helped by retrying: parked at once.
    bad = Outbox("intake").envelope(received("ASB-2026-100004"), organisation_id=ORG)
    broken = bad.model_copy(update={"data": {**bad.data, "categories": ["not_a_category"]}})
    await publish_event(test_env, received("ASB-2026-100004"), organisation_id=ORG, envelope=broken)

    for key, value in test_env.environ(definition).items():
        monkeypatch.setenv(key, value)

    async def parked_count() -> int:
        await asyncio.to_thread(service_main, definition, ["parked", "list"])
        out = capsys.readouterr().out
        return len([line for line in out.splitlines() if '"message_id"' in line])

    await eventually(parked_count)
    await asyncio.to_thread(service_main, definition, ["parked", "list"])
    listed = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if '"message_id"' in line
    ]
    [message] = [m for m in listed if m["message_id"] == str(broken.id)]
    assert "does not fit ReportReceived" in message["error"]

    await asyncio.to_thread(service_main, definition, ["parked", "replay", "--id", str(broken.id)])
    assert "1 message(s) replayed" in capsys.readouterr().out
    # Replayed, it fails validation again and is parked again: nothing is lost either way.
    await eventually(parked_count)
    assert await cases_for(test_env, "ASB-2026-100004") == 0


async def test_the_case_records_whether_the_acknowledgement_reached_the_complainant(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(test_env, received("ASB-2026-100005"), organisation_id=ORG)
    await eventually(lambda: cases_for(test_env, "ASB-2026-100005"))
    headers = bearer(test_env, "officer")
    [case] = (
        await client.get(
            "/v1/cases", params={"report_reference": "ASB-2026-100005"}, headers=headers
        )
    ).json()["items"]
    assert case["acknowledged_at"] is None
    delivered_at = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    # Another landlord's event naming this case changes nothing.
    for org in (OTHER_ORG, ORG):
        await publish_event(
            test_env,
            MessageDelivered(
                message_id=uuid.uuid4(),
                channel=ContactChannel.EMAIL,
                template="report_acknowledgement",
                case_id=uuid.UUID(case["id"]),
                delivered_at=delivered_at if org == ORG else datetime(2020, 1, 1, tzinfo=UTC),
            ),
            organisation_id=org,
        )

    async def acknowledged() -> str | None:
        got = (await client.get(f"/v1/cases/{case['id']}", headers=headers)).json()
        return got["acknowledged_at"]  # type: ignore[no-any-return]

    assert await eventually(acknowledged) == "2026-11-23T09:30:00Z"


async def case_of(
    client: httpx.AsyncClient, test_env: TestEnvironment, reference: str, org: uuid.UUID = ORG
) -> dict[str, object]:
    await eventually(lambda: cases_for(test_env, reference))
    page = (
        await client.get(
            "/v1/cases",
            params={"report_reference": reference},
            headers=bearer(test_env, "officer", org=org),
        )
    ).json()
    [found] = page["items"]
    detail = await client.get(
        f"/v1/cases/{found['id']}", headers=bearer(test_env, "officer", org=org)
    )
    return detail.json()  # type: ignore[no-any-return]


async def test_a_second_report_about_the_same_address_joins_the_open_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    place = Location(address="Flat 2, 9 Linking Road", postcode="SK2 6AB")
    await publish_event(test_env, received("ASB-2026-400001", location=place), organisation_id=org)
    first = await case_of(client, test_env, "ASB-2026-400001", org)
    await publish_event(
        test_env,
        received(
            "ASB-2026-400002",
            location=Location(address="flat 2 9  LINKING road", postcode="sk26ab"),
            categories=[AsbCategory.VERBAL_ABUSE],
        ),
        organisation_id=org,
    )
    second = await case_of(client, test_env, "ASB-2026-400002", org)
    assert second["id"] == first["id"]
    [_, linked] = second["reports"]  # type: ignore[misc]
    assert linked["report_reference"] == "ASB-2026-400002"
    assert "same address" in linked["link_reason"]
    assert set(second["categories"]) == {"noise", "verbal_abuse"}  # type: ignore[arg-type]

    # An officer unlinks it: it opens its own case, and the timeline says why.
    unlinked = await client.post(
        f"/v1/cases/{first['id']}/reports/{linked['report_id']}/unlink",
        json={"reason": "A different flat in the same building"},
        headers=bearer(test_env, "officer", org=org),
    )
    assert unlinked.status_code == 201, unlinked.text
    assert unlinked.json()["id"] != first["id"]
    timeline = (
        await client.get(
            f"/v1/cases/{first['id']}/timeline", headers=bearer(test_env, "officer", org=org)
        )
    ).json()
    assert [e["kind"] for e in timeline][-1] == "report_unlinked"
    assert "different flat" in timeline[-1]["summary"]


async def test_a_report_about_the_same_subject_joins_and_after_closure_a_new_case_opens(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    subject = [Person(name="Terry Noisy", address="12 Loud Lane")]
    await publish_event(
        test_env, received("ASB-2026-400011", subjects=subject), organisation_id=org
    )
    first = await case_of(client, test_env, "ASB-2026-400011", org)
    await publish_event(
        test_env,
        received("ASB-2026-400012", subjects=[Person(name="terry  noisy", address="12 loud lane")]),
        organisation_id=org,
    )
    second = await case_of(client, test_env, "ASB-2026-400012", org)
    assert second["id"] == first["id"]
    assert "same subject (terry noisy)" in second["reports"][1]["link_reason"]  # type: ignore[index]

    # Closed at triage as not ASB: the next report about the same subject is a new case.
    closed = await client.post(
        f"/v1/cases/{first['id']}/commands",
        json={"command": "mark_not_asb", "reason": "Advised: everyday household noise"},
        headers=bearer(test_env, "officer", org=org),
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "not_asb"
    await publish_event(
        test_env, received("ASB-2026-400013", subjects=subject), organisation_id=org
    )
    third = await case_of(client, test_env, "ASB-2026-400013", org)
    assert third["id"] != first["id"]


async def test_an_illegal_step_is_409_listing_what_is_allowed(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(test_env, received("ASB-2026-400021"), organisation_id=ORG)
    case = await case_of(client, test_env, "ASB-2026-400021")
    response = await client.post(
        f"/v1/cases/{case['id']}/commands",
        json={"command": "start_interventions"},
        headers=bearer(test_env, "officer"),
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "illegal_transition"
    assert error["details"][0]["field"] == "command"
    assert "assign" in error["details"][0]["message"]
    unknown = await client.post(
        f"/v1/cases/{case['id']}/commands",
        json={"command": "teleport"},
        headers=bearer(test_env, "officer"),
    )
    assert unknown.status_code == 422


async def test_often_not_asb_is_flagged_with_advice_and_an_officer_can_override(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(
        test_env,
        received(
            "ASB-2026-400031", description="The children playing football outside every afternoon"
        ),
        organisation_id=ORG,
    )
    case = await case_of(client, test_env, "ASB-2026-400031")
    assert case["may_not_be_asb"] is True
    assert "Children playing" in case["not_asb_advice"]  # type: ignore[operator]
    override = await client.post(
        f"/v1/cases/{case['id']}/confirm-asb",
        json={"reason": "Ball games aimed at windows, damage caused"},
        headers=bearer(test_env, "officer"),
    )
    assert override.json()["may_not_be_asb"] is False
    await publish_event(
        test_env,
        received(
            "ASB-2026-400032",
            categories=[AsbCategory.HATE_INCIDENT],
            description="Abuse shouted about my religion, posted on Facebook too",
        ),
        organisation_id=ORG,
    )
    hate = await case_of(client, test_env, "ASB-2026-400032")
    assert hate["priority_route"] == "hate_incident"
    assert hate["may_not_be_asb"] is False


async def test_officers_are_assigned_by_patch_and_caseload_and_team_leaders_reassign(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    leader = bearer(test_env, "team_leader", org=org)
    for subject, name, patches in [
        ("o-ann", "Ann", ["SK1"]),
        ("o-bob", "Bob", ["SK1"]),
        ("o-cat", "Cat", ["M1"]),
    ]:
        put = await client.put(
            f"/v1/officers/{subject}", json={"name": name, "patches": patches}, headers=leader
        )
        assert put.status_code == 200, put.text
    officers = []
    for n in range(3):
        ref = f"ASB-2026-4001{n:02d}"
        await publish_event(
            test_env,
            received(ref, location=Location(address=f"{n} Patch Street", postcode="SK1 2AA")),
            organisation_id=org,
        )
        officers.append((await case_of(client, test_env, ref, org))["officer_id"])
    # Only the SK1 officers, shared by caseload: Ann, Bob, then the one with fewer.
    assert set(officers[:2]) == {"o-ann", "o-bob"}
    assert officers[2] in {"o-ann", "o-bob"}
    case = await case_of(client, test_env, "ASB-2026-400100", org)
    assert case["status"] == "open"
    moved = await client.post(
        f"/v1/cases/{case['id']}/assignment",
        json={"officer_id": "o-cat", "reason": "Ann is on leave for three weeks"},
        headers=leader,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["officer_name"] == "Cat"
    officer_only = await client.post(
        f"/v1/cases/{case['id']}/assignment",
        json={"officer_id": "o-cat", "reason": "Trying to reassign myself"},
        headers=bearer(test_env, "officer", org=org),
    )
    assert officer_only.status_code == 403
    cats = (
        await client.get(
            "/v1/my-cases",
            headers={
                "Authorization": f"Bearer {test_env.token('officer', organisation_id=org, subject='o-cat')}"
            },
        )
    ).json()
    assert [c["id"] for c in cats] == [case["id"]]
    assert cats[0]["next_due"]["kind"] in {
        "first_contact",
        "action_plan",
        "case_update",
        "manager_review",
    }


async def test_risk_is_scored_from_the_reporters_answers_and_reassessed_with_history(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(
        test_env,
        received(
            "ASB-2026-400041",
            risk_answers={"feels_unsafe": "yes", "health_affected": "yes", "not_a_question": "yes"},
        ),
        organisation_id=ORG,
    )
    case = await case_of(client, test_env, "ASB-2026-400041")
    assert case["risk_level"] == "medium"  # 2 + 2 = 4; the unknown answer is dropped
    headers = bearer(test_env, "officer")
    again = await client.post(
        f"/v1/cases/{case['id']}/risk-assessments",
        json={"answers": {"threatened": "yes"}},
        headers=headers,
    )
    assert again.status_code == 201, again.text
    assert again.json()["level"] == "high"
    bad = await client.post(
        f"/v1/cases/{case['id']}/risk-assessments",
        json={"answers": {"threatened": "perhaps"}},
        headers=headers,
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "answers.threatened"
    history = (await client.get(f"/v1/cases/{case['id']}/risk-assessments", headers=headers)).json()
    assert [h["level"] for h in history] == ["medium", "high"]
    high = (await client.get("/v1/cases", params={"risk": "high"}, headers=headers)).json()["items"]
    assert case["id"] in [c["id"] for c in high]


async def test_reporters_follow_ups_and_files_reach_the_timeline_and_evidence_register(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    photo = EvidenceRef(
        evidence_id=uuid.uuid4(),
        filename="door.jpg",
        content_type="image/jpeg",
        size=1234,
        sha256="a" * 64,
        storage_key="org/2026/11/x",
    )
    event = received("ASB-2026-400051", evidence=[photo])
    await publish_event(test_env, event, organisation_id=ORG)
    case = await case_of(client, test_env, "ASB-2026-400051")
    clip = EvidenceRef(
        evidence_id=uuid.uuid4(),
        filename="noise.m4a",
        content_type="audio/mp4",
        size=99,
        sha256="b" * 64,
        storage_key="org/2026/11/y",
    )
    await publish_event(
        test_env,
        FollowupReceived(
            followup_id=uuid.uuid4(),
            report_id=event.report_id,
            report_reference="ASB-2026-400051",
            kind="evidence",
            evidence=[clip],
        ),
        organisation_id=ORG,
    )
    await publish_event(
        test_env,
        FollowupReceived(
            followup_id=uuid.uuid4(),
            report_id=event.report_id,
            report_reference="ASB-2026-400051",
            kind="incident",
            description="Music until 4am again",
            occurred_at=datetime(2026, 11, 22, 4, tzinfo=UTC),
        ),
        organisation_id=ORG,
    )
    headers = bearer(test_env, "officer")

    async def timeline_kinds() -> list[str] | None:
        kinds = [
            e["kind"]
            for e in (await client.get(f"/v1/cases/{case['id']}/timeline", headers=headers)).json()
        ]
        return kinds if {"followup_incident", "followup_evidence"} <= set(kinds) else None

    await eventually(timeline_kinds)
    register = (await client.get(f"/v1/cases/{case['id']}/evidence", headers=headers)).json()[
        "items"
    ]
    by_hash = {e["sha256"]: e for e in register}
    assert (
        by_hash["a" * 64]["kind"] == "photo"
        and by_hash["a" * 64]["origin"] == "web report ASB-2026-400051"
    )
    assert by_hash["b" * 64]["kind"] == "audio" and "follow-up" in by_hash["b" * 64]["origin"]


async def test_survey_answers_and_case_review_requests_go_on_the_case(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    await publish_event(test_env, received("ASB-2026-400061"), organisation_id=ORG)
    case = await case_of(client, test_env, "ASB-2026-400061")
    await publish_event(
        test_env,
        SurveySubmitted(
            report_id=uuid.uuid4(),
            report_reference="ASB-2026-400061",
            handling=2,
            outcome=1,
            comments="Nobody called me back",
        ),
        organisation_id=ORG,
    )
    await publish_event(
        test_env,
        CaseReviewRequested(
            application_id=uuid.uuid4(),
            applicant=Contact(name="Jo", email="jo@example.org"),
            report_references=["ASB-2026-400061", "ASB-2026-999999"],
            description="Reported three times, nothing done",
        ),
        organisation_id=ORG,
    )
    headers = bearer(test_env, "officer")

    async def noted() -> list[dict[str, object]] | None:
        entries = (await client.get(f"/v1/cases/{case['id']}/timeline", headers=headers)).json()
        found = [
            e for e in entries if e["kind"] in {"satisfaction_survey", "case_review_requested"}
        ]
        return found if len(found) == 2 else None

    survey, review = sorted(await eventually(noted), key=lambda e: str(e["kind"]), reverse=True)
    assert (
        survey["summary"] == "Satisfaction survey: handling 2/5, outcome 1/5: Nobody called me back"
    )
    assert review["summary"] == "ASB case review (Community Trigger) requested by Jo"
