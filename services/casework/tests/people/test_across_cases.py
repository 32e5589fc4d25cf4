"""People and places across cases, against the real database: a repeat complainant, subject
and address recognised and flagged; histories; merging and unmerging; never another landlord's."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from asb_shared.contracts.common import Location, Person
from asb_shared.contracts.intake import Reporter
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework_samples import bearer, received_v2, sql


async def _report(test_env: TestEnvironment, org: uuid.UUID, reference: str, **changes: Any) -> str:
    await publish_event(test_env, received_v2(reference, **changes), organisation_id=org)

    async def case_id() -> str | None:
        rows = await sql(
            test_env, "SELECT case_id FROM case_reports WHERE report_reference = $1", reference
        )
        return str(rows[0]["case_id"]) if rows else None

    return str(await eventually(case_id))


async def _person(test_env: TestEnvironment, reference: str) -> str:
    [row] = await sql(
        test_env, "SELECT id FROM complainants WHERE report_reference = $1", reference
    )
    return str(row["id"])


async def test_a_repeat_victim_subject_and_address_are_recognised_and_flagged(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    headers = bearer(test_env, "officer", org=org)
    # Two different problems reported by the same person (once by email, once by phone too).
    first = await _report(
        test_env,
        org,
        "ASB-2026-540001",
        location=Location(address="1 Canal Street", postcode="SK1 3AA", uprn="200001"),
        reporter=Reporter(name="Ruth Evans", email="ruth@example.org"),
        subjects=[Person(name="Dean Hollis")],
    )
    # The first case was resolved: a later report about the same subject opens a new one.
    await sql(test_env, "UPDATE cases SET status = 'resolved' WHERE id = $1", uuid.UUID(first))
    second = await _report(
        test_env,
        org,
        "ASB-2026-540002",
        location=Location(address="40 Park Road", postcode="SK2 5BB"),
        reporter=Reporter(name="R Evans", email="RUTH@example.org", phone="07700 900777"),
    )
    third = await _report(
        test_env,
        org,
        "ASB-2026-540003",
        location=Location(address="77 Hill Top", postcode="SK4 1CC"),
        reporter=Reporter(name="Ruth", phone="+44 7700 900777"),
        subjects=[Person(name="dean  hollis")],
    )
    stranger = await _report(
        test_env,
        org,
        "ASB-2026-540004",
        location=Location(address="1 Canal St", postcode="SK1 3AA", uprn="200001"),
        reporter=Reporter(name="Ruth Evans", email="another.ruth@example.org"),
    )
    assert len({first, second, third}) == 3
    people = (await client.get(f"/v1/cases/{third}/people", headers=headers)).json()
    [me] = people["complainants"]
    assert me["repeat"] is True
    assert {c["case_id"] for c in me["other_cases"]} == {first, second}
    assert [s["other_cases"][0]["case_id"] for s in people["subjects"]] == [first]
    assert "repeat_complainant" in people["flags"] and "repeat_subject" in people["flags"]
    # The same UPRN: a hotspot address, but the other Ruth Evans is not the same person.
    assert stranger not in (first, second, third)
    on_stranger = (await client.get(f"/v1/cases/{stranger}/people", headers=headers)).json()
    assert "hotspot_address" in on_stranger["flags"]
    assert on_stranger["address"]["other_cases"][0]["case_id"] == first
    assert on_stranger["complainants"][0]["repeat"] is False

    history = await client.get(
        f"/v1/people/{await _person(test_env, 'ASB-2026-540001')}/history", headers=headers
    )
    assert [c["case_id"] for c in history.json()["cases"]] == [first, second, third]
    place = await client.get("/v1/places/history", params={"uprn": "200001"}, headers=headers)
    assert [c["case_id"] for c in place.json()] == [first, stranger]
    subject = await client.get(
        "/v1/subjects/history", params={"name": "Dean Hollis"}, headers=headers
    )
    assert [c["case_id"] for c in subject.json()] == [first, third]

    # Another landlord sees none of it.
    theirs = bearer(test_env, "officer", org=uuid.uuid4())
    assert (await client.get(f"/v1/cases/{third}/people", headers=theirs)).status_code == 404
    assert (
        await client.get(
            f"/v1/people/{await _person(test_env, 'ASB-2026-540001')}/history", headers=theirs
        )
    ).status_code == 404
    assert (
        await client.get("/v1/places/history", params={"uprn": "200001"}, headers=theirs)
    ).json() == []


async def test_staff_merge_and_unmerge_people_the_rules_did_not_recognise(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    headers = bearer(test_env, "officer", org=org)
    a = await _report(
        test_env, org, "ASB-2026-541001",
        location=Location(address="2 Mill Court", postcode="SK5 1AA"),
        reporter=Reporter(name="Ann Lee", email="ann@example.org"),
    )  # fmt: skip
    b = await _report(
        test_env, org, "ASB-2026-541002",
        location=Location(address="9 Far Away", postcode="SK6 1AA"),
        reporter=Reporter(name="Anne Leigh", email="a.leigh@example.org"),
    )  # fmt: skip
    pa, pb = await _person(test_env, "ASB-2026-541001"), await _person(test_env, "ASB-2026-541002")
    before = (await client.get(f"/v1/people/{pa}/history", headers=headers)).json()
    assert [c["case_id"] for c in before["cases"]] == [a]
    merged = await client.post(
        "/v1/people/merges",
        json={"person_id": pa, "same_as": pb, "reason": "Same person, confirmed by phone"},
        headers=headers,
    )
    assert merged.status_code == 201, merged.text
    after = (await client.get(f"/v1/people/{pa}/history", headers=headers)).json()
    assert [c["case_id"] for c in after["cases"]] == [a, b]
    flags = (await client.get(f"/v1/cases/{b}/people", headers=headers)).json()["flags"]
    assert "repeat_complainant" in flags
    again = await client.post(
        "/v1/people/merges",
        json={"person_id": pb, "same_as": pa, "reason": "Same person again"},
        headers=headers,
    )
    assert again.status_code == 409
    undone = await client.post(f"/v1/people/merges/{merged.json()['id']}/unmerge", headers=headers)
    assert undone.status_code == 200 and undone.json()["unmerged_at"]
    apart = (await client.get(f"/v1/people/{pa}/history", headers=headers)).json()
    assert [c["case_id"] for c in apart["cases"]] == [a]
    theirs = bearer(test_env, "officer", org=uuid.uuid4())
    assert (
        await client.post(
            "/v1/people/merges",
            json={"person_id": pa, "same_as": pb, "reason": "Not theirs to merge"},
            headers=theirs,
        )
    ).status_code == 404


async def test_bad_input_is_a_422_naming_the_field(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    headers = bearer(test_env, "officer")
    cases: list[tuple[str, str, dict[str, Any], str]] = [
        ("get", "/v1/places/history", {}, "uprn"),
        ("get", "/v1/places/history", {"uprn": "12x"}, "uprn"),
        ("get", "/v1/subjects/history", {"name": "ab"}, "name"),
        ("get", "/v1/subjects/history", {"name": "a\x00b"}, "name"),
    ]
    for method, url, params, field in cases:
        got = await client.request(method, url, params=params, headers=headers)
        assert got.status_code == 422, (url, params, got.text)
        assert field in [d["field"].split(".")[-1] for d in got.json()["error"]["details"]]
    same = str(uuid.uuid4())
    got = await client.post(
        "/v1/people/merges",
        json={"person_id": same, "same_as": same, "reason": "Same"},
        headers=headers,
    )
    assert got.status_code == 422 and got.json()["error"]["details"][0]["field"] == "same_as"
