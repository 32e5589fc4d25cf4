"""Language and interpreter or BSL needs of a case's subjects and witnesses: recorded by an
officer, shown on the case, on the timeline, and kept within the landlord."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from asb_shared.contracts.common import Person
from asb_shared.testing import TestEnvironment, publish_event
from casework.languages.people import Need, ReportPeople, Role, people_on_case
from casework_samples import ORG, OTHER_ORG, bearer, case_of, received_v2, snapshot, sql

SUBJECTS = [
    Person(name="Man at flat 12", description="tall, shaved head"),
    Person(name="His brother"),
]
WITNESSES = [Person(name="Mrs Kaur at 14"), Person(description="Deaf neighbour at 16")]


def test_people_come_from_every_report_with_what_was_recorded_for_them() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    reports = [
        ReportPeople(
            first,
            "ASB-1",
            {"subjects": [p.model_dump() for p in SUBJECTS], "witnesses": [{"name": "Ann"}]},
        ),
        # A version-1 report stored without witnesses, and one naming nobody.
        ReportPeople(second, "ASB-2", {"subjects": [{"name": "Lee"}]}),
        ReportPeople(uuid.uuid4(), "ASB-3", {}),
    ]
    needs = [
        Need(first, "witness", 0, "pa", True, False, None),
        Need(second, "subject", 0, None, False, True, "Uses BSL"),
        # Another person's needs never land on someone else.
        Need(uuid.uuid4(), "subject", 0, "pl", True, False, None),
    ]
    people = people_on_case(reports, needs)
    assert [(p.role, p.report_reference, p.position, p.name) for p in people] == [
        (Role.SUBJECT, "ASB-1", 0, "Man at flat 12"),
        (Role.SUBJECT, "ASB-1", 1, "His brother"),
        (Role.SUBJECT, "ASB-2", 0, "Lee"),
        (Role.WITNESS, "ASB-1", 0, "Ann"),
    ]
    assert [(p.language, p.interpreter, p.bsl) for p in people] == [
        (None, False, False),
        (None, False, False),
        (None, False, True),
        ("pa", True, False),
    ]


async def _case_with_people(client: httpx.AsyncClient, test_env: TestEnvironment) -> Any:
    reference = f"ASB-2026-{uuid.uuid4().hex[:8]}"
    event = received_v2(reference, subjects=SUBJECTS, witnesses=WITNESSES)
    await publish_event(test_env, event, organisation_id=ORG)
    return await case_of(client, test_env, reference), event.report_id


async def test_an_officer_records_a_witness_needs_a_punjabi_interpreter_and_a_subject_bsl(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case, report_id = await _case_with_people(client, test_env)
    case_id = case["id"]
    officer = bearer(test_env, "officer")
    # Before anything is recorded the people show, their needs unknown.
    assert [(p["role"], p["name"], p["language"]) for p in case["people"]] == [
        ("subject", "Man at flat 12", None),
        ("subject", "His brother", None),
        ("witness", "Mrs Kaur at 14", None),
        ("witness", None, None),
    ]
    url = f"/v1/cases/{case_id}/language-needs"
    witness = {
        "report_id": str(report_id),
        "role": "witness",
        "position": 0,
        "language": "pa",
        "interpreter": True,
    }
    saved = await client.put(url, json=witness, headers=officer)
    assert saved.status_code == 200, saved.text
    assert saved.json()["name"] == "Mrs Kaur at 14" and saved.json()["interpreter"] is True
    deaf = {"report_id": str(report_id), "role": "witness", "position": 1, "bsl": True}
    assert (await client.put(url, json=deaf, headers=officer)).status_code == 200
    # Changed later: the new answer replaces the old one.
    again = await client.put(url, json=witness | {"language": "ur"}, headers=officer)
    assert again.status_code == 200

    detail = (await client.get(f"/v1/cases/{case_id}", headers=officer)).json()
    assert [(p["name"], p["language"], p["interpreter"], p["bsl"]) for p in detail["people"]] == [
        ("Man at flat 12", None, False, False),
        ("His brother", None, False, False),
        ("Mrs Kaur at 14", "ur", True, False),
        (None, None, False, True),
    ]
    timeline = await sql(
        test_env,
        "SELECT summary FROM timeline WHERE case_id = $1::uuid AND kind = 'language_needs'"
        " ORDER BY at",
        case_id,
    )
    assert len(timeline) == 3
    assert "language ur" in timeline[-1]["summary"] and "interpreter" in timeline[-1]["summary"]


async def test_language_needs_are_refused_for_nobody_and_for_another_landlord(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case, report_id = await _case_with_people(client, test_env)
    case_id = case["id"]
    url = f"/v1/cases/{case_id}/language-needs"
    officer = bearer(test_env, "officer")
    before = await snapshot(test_env, case_id)
    body = {"report_id": str(report_id), "role": "subject", "position": 0, "language": "pl"}

    cases: list[tuple[dict[str, Any], str]] = [
        (body | {"position": 2}, "position"),  # the report names two subjects
        (body | {"report_id": str(uuid.uuid4())}, "report_id"),
        (body | {"language": "Polish; DROP TABLE"}, "language"),
        (body | {"role": "complainant"}, "role"),
        (body | {"notes": "x\x00y"}, "notes"),
        ({k: v for k, v in body.items() if k != "language"} | {"interpreter": True}, "interpreter"),
    ]
    for bad, field in cases:
        refused = await client.put(url, json=bad, headers=officer)
        assert refused.status_code == 422, refused.text
        assert [d["field"] for d in refused.json()["error"]["details"]] == [field]

    foreign = await client.put(url, json=body, headers=bearer(test_env, "officer", org=OTHER_ORG))
    assert foreign.status_code == 404
    assert await snapshot(test_env, case_id) == before
    assert await sql(test_env, "SELECT 1 FROM language_needs WHERE report_id = $1", report_id) == []
