"""Reports open cases, join the open case about the same address or subject, and add to it."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import httpx
from asb_shared.contracts.common import AsbCategory, Contact, Location, Person
from asb_shared.contracts.intake import (
    CaseReviewRequested,
    EvidenceRef,
    FollowupReceived,
    SurveySubmitted,
)
from asb_shared.messaging import Envelope
from asb_shared.organisations import CASE_REFERENCE
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from casework_samples import (
    ORG,
    bearer,
    case_of,
    cases_for,
    received,
)


async def _matching(seen: list[Envelope], case_id: str) -> list[Envelope]:
    return [e for e in seen if e.data["case_id"] == case_id]


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
    assert re.match(CASE_REFERENCE, case["reference"])
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
    [complainant] = detail["complainants"]
    assert complainant["email"] == "jo@example.org"
    assert complainant["person_id"] == event.data["complainant"]["person_id"]
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
