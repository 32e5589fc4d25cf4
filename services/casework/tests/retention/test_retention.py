"""Retention in casework: a closed case past its date loses what identifies anyone while its
month's measures stay, a legal hold keeps a case, the dry run lists exactly what a run removes,
and a person's request to erase or rectify is decided, carried out and announced."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx
import pytest
from asb_shared.db import Database
from asb_shared.messaging import Envelope, Outbox
from asb_shared.testing import TestEnvironment, captured_events, eventually
from asb_shared.usecase import Transactions
from casework.retention.usecases import ApplyExpiries, apply_expiries
from casework_samples import (
    bearer,
    closure_body,
    corroboration_body,
    open_case,
    rows_on,
    sql,
    today,
)

EXPIRED = "casework.case.expired"
ERASED = "casework.person.erased"


@pytest.fixture(scope="module")
async def announced(test_env: TestEnvironment) -> AsyncIterator[list[Envelope]]:
    async with captured_events(
        test_env,
        EXPIRED,
        ERASED,
        "casework.case.legal_hold_changed",
        "casework.retention.schedule_changed",
        "casework.contact.changed",
    ) as seen:
        yield seen


async def _run(db: Database, on: date) -> set[str]:
    """A real run on ``on``: batches until nothing more is due."""
    transactions = Transactions(db, Outbox("casework"))
    done: set[str] = set()
    while True:
        async with transactions() as uow:
            batch = await apply_expiries(uow, ApplyExpiries(on, batch=2))
        if not batch:
            return done
        done |= {str(d.case_id) for d in batch}


async def _close(client: httpx.AsyncClient, test_env: TestEnvironment, case_id: str) -> None:
    closed = await client.post(
        f"/v1/cases/{case_id}/closure", json=closure_body(), headers=bearer(test_env, "officer")
    )
    assert closed.status_code == 201, closed.text


async def _measures(client: httpx.AsyncClient, test_env: TestEnvironment) -> object:
    month = today().strftime("%Y-%m")
    got = await client.get(
        "/v1/measures", params={"from": month, "to": month}, headers=bearer(test_env, "officer")
    )
    assert got.status_code == 200, got.text
    return got.json()


async def test_a_closed_case_past_its_date_is_pseudonymised_and_announced_but_a_held_one_stays(
    announced: list[Envelope],
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    db: Database,
) -> None:
    gone, _ = await open_case(client, test_env, status="investigating")
    held, _ = await open_case(client, test_env, status="investigating")
    still_open, _ = await open_case(client, test_env, status="investigating")
    anonymous, _ = await open_case(client, test_env, anonymous=True, status="open")
    for case_id in (gone, held):
        await _close(client, test_env, case_id)
    tried = await client.post(
        f"/v1/cases/{anonymous}/corroboration-attempts",
        json=corroboration_body(),
        headers=bearer(test_env, "officer"),
    )
    assert tried.status_code == 201, tried.text
    info = await client.post(
        f"/v1/cases/{anonymous}/closure",
        json={"outcome": "information_only", "reason": "Could not be confirmed with anyone."},
        headers=bearer(test_env, "team_leader"),
    )
    assert info.status_code == 201, info.text

    # An officer may not hold a case; a team leader may, with a reason.
    refused = await client.put(
        f"/v1/cases/{held}/legal-hold",
        json={"reason": "Possession proceedings at the county court."},
        headers=bearer(test_env, "officer"),
    )
    assert refused.status_code == 403
    placed = await client.put(
        f"/v1/cases/{held}/legal-hold",
        json={"reason": "Possession proceedings at the county court."},
        headers=bearer(test_env, "team_leader"),
    )
    assert placed.status_code == 200, placed.text
    assert placed.json()["held"] is True

    measures_before = await _measures(client, test_env)
    after_a_year = today() + timedelta(days=400)
    in_seven_years = today() + timedelta(days=7 * 366)

    async def dry_run(on: date) -> dict[str, dict[str, object]]:
        got = await client.get(
            "/v1/retention/due", params={"on": on.isoformat()}, headers=bearer(test_env, "admin")
        )
        assert got.status_code == 200, got.text
        return {d["case_id"]: d for d in got.json()}

    # The landlord's other cases (other tests') may be due too: this test's four are looked at.
    mine = {gone, held, still_open, anonymous}
    not_yet = await dry_run(today())
    assert set(not_yet) & mine == set()
    year = await dry_run(after_a_year)
    assert set(year) & mine == {anonymous}
    assert year[anonymous]["record_type"] == "information_only_report"
    listed = await dry_run(in_seven_years)
    assert set(listed) & mine == {gone, anonymous}
    assert listed[gone]["action"] == "pseudonymise"
    officer_dry_run = await client.get(
        "/v1/retention/due",
        params={"on": in_seven_years.isoformat()},
        headers=bearer(test_env, "officer"),
    )
    assert officer_dry_run.status_code == 403

    # The run is the platform's (every landlord's due cases); the dry run is this landlord's.
    ran = await _run(db, in_seven_years)
    assert set(listed) <= ran and ran & mine == set(listed) & mine
    assert await _run(db, in_seven_years) == set()

    [case] = await sql(
        test_env,
        "SELECT summary, location, status, outcome, closed_at, expired_at FROM cases WHERE id = $1",
        uuid.UUID(gone),
    )
    assert case["summary"] == "" and case["location"] is None
    assert case["status"] == "resolved" and case["closed_at"] is not None
    assert case["expired_at"] is not None
    people = await sql(
        test_env,
        "SELECT name, email, phone, address FROM complainants WHERE case_id = $1",
        uuid.UUID(gone),
    )
    assert people and all(set(dict(p).values()) == {None} for p in people)
    assert await rows_on(test_env, "report_index", gone) == 0
    [report] = await sql(
        test_env,
        "SELECT description, payload::text AS payload FROM case_reports WHERE case_id = $1",
        uuid.UUID(gone),
    )
    assert report["description"] == "" and "Sam" not in report["payload"]
    timeline = await sql(
        test_env,
        "SELECT summary, data::text AS data FROM timeline WHERE case_id = $1",
        uuid.UUID(gone),
    )
    assert all(t["summary"] == "" and "music" not in t["data"] for t in timeline)
    # The held case and the open case keep everything.
    [kept] = await sql(test_env, "SELECT summary FROM cases WHERE id = $1", uuid.UUID(held))
    assert kept["summary"] != ""
    assert await rows_on(test_env, "report_index", held) == 1
    assert await rows_on(test_env, "report_index", still_open) == 1

    assert await _measures(client, test_env) == measures_before

    async def expired() -> dict[str, Envelope]:
        return {e.data["case_id"]: e for e in announced if e.type == EXPIRED}

    events = await eventually(_all(expired, {gone, anonymous}))
    assert set(events) & mine == {gone, anonymous}
    assert events[gone].data["report_ids"] and events[gone].data["person_ids"]
    assert events[anonymous].data["person_ids"] == []
    assert events[gone].data["action"] == "pseudonymise"

    # Lifted, the held case goes with the next run.
    lifted = await client.post(
        f"/v1/cases/{held}/legal-hold/lift",
        json={"reason": "The proceedings ended with an order."},
        headers=bearer(test_env, "team_leader"),
    )
    assert lifted.status_code == 200, lifted.text
    assert set(await dry_run(in_seven_years)) & mine == {held}
    assert (await _run(db, in_seven_years)) & mine == {held}


def _all(found: object, wanted: set[str]) -> object:
    async def check() -> dict[str, Envelope] | None:
        got: dict[str, Envelope] = await found()  # type: ignore[operator]
        return got if wanted <= set(got) else None

    return check


async def test_an_erasure_is_decided_with_its_reason_and_refused_only_on_a_lawful_basis(
    announced: list[Envelope],
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    people = await client.get(
        f"/v1/cases/{case_id}/complainants", headers=bearer(test_env, "officer")
    )
    [person] = [p["person_id"] for p in people.json()]
    body = {
        "kind": "erasure",
        "person_ids": [person],
        "decision": "refused",
        "reason": "She asked us to forget her.",
    }
    unfounded = await client.post(
        "/v1/data-requests", json=body, headers=bearer(test_env, "officer")
    )
    assert unfounded.status_code == 422
    assert [d["field"] for d in unfounded.json()["error"]["details"]] == ["refusal_basis"]

    await client.put(
        f"/v1/cases/{case_id}/legal-hold",
        json={"reason": "Injunction proceedings under way."},
        headers=bearer(test_env, "team_leader"),
    )
    while_held = await client.post(
        "/v1/data-requests",
        json=body | {"decision": "granted"},
        headers=bearer(test_env, "officer"),
    )
    assert while_held.status_code == 422
    refused = await client.post(
        "/v1/data-requests",
        json=body | {"refusal_basis": "legal_claims"},
        headers=bearer(test_env, "officer"),
    )
    assert refused.status_code == 201, refused.text
    assert refused.json()["carried_out"] is False
    await client.post(
        f"/v1/cases/{case_id}/legal-hold/lift",
        json={"reason": "The proceedings were withdrawn."},
        headers=bearer(test_env, "team_leader"),
    )

    granted = await client.post(
        "/v1/data-requests",
        json=body | {"decision": "granted"},
        headers=bearer(test_env, "officer"),
    )
    assert granted.status_code == 201, granted.text
    assert granted.json()["carried_out"] is True
    [record] = await sql(
        test_env,
        "SELECT name, email, phone, address, person_keys FROM complainants WHERE id = $1",
        uuid.UUID(person),
    )
    assert record["name"] is None and record["email"] is None and record["person_keys"] == []
    leftovers = await sql(
        test_env,
        "SELECT count(*) AS n FROM case_reports WHERE case_id = $1 AND payload::text LIKE $2",
        uuid.UUID(case_id),
        "%sam@example.org%",
    )
    assert leftovers[0]["n"] == 0
    index = await sql(
        test_env,
        "SELECT names FROM report_index WHERE case_id = $1",
        uuid.UUID(case_id),
    )
    assert all("Sam" not in i["names"] for i in index)
    decisions = await sql(
        test_env,
        "SELECT decision, refusal_basis, decided_by FROM data_requests"
        " WHERE $1 = ANY(person_ids) ORDER BY decided_at",
        uuid.UUID(person),
    )
    assert [(d["decision"], d["refusal_basis"]) for d in decisions] == [
        ("refused", "legal_claims"),
        ("granted", None),
    ]
    timeline = await sql(
        test_env,
        "SELECT kind FROM timeline WHERE case_id = $1 AND kind = 'erasure_request'",
        uuid.UUID(case_id),
    )
    assert len(timeline) == 2

    async def erased() -> list[Envelope]:
        return [e for e in announced if e.type == ERASED and person in e.data["person_ids"]]

    [event] = await eventually(erased)
    assert event.data["case_ids"] == [case_id]


async def test_a_landlords_schedule_change_is_a_policy_version_announced_to_every_service(
    announced: list[Envelope], client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    from casework_samples import ORG

    url = f"/v1/organisations/{ORG}/policy"
    current = (await client.get(url, headers=bearer(test_env, "admin"))).json()["settings"]
    current["retention"]["message"]["kept_for"] = {"years": 1, "months": 0, "days": 0}
    changed = await client.put(
        url,
        json={"reason": "Messages kept one year (data protection review).", "settings": current},
        headers=bearer(test_env, "admin"),
    )
    assert changed.status_code == 200, changed.text
    assert {"field": "retention.message.kept_for.years", "from": 2, "to": 1} in changed.json()[
        "changes"
    ]
    misspelt = await client.put(
        url,
        json={
            "reason": "A typo.",
            "settings": current | {"retention": {"messages": {}}},
        },
        headers=bearer(test_env, "admin"),
    )
    assert misspelt.status_code == 422

    async def schedule() -> list[Envelope]:
        return [e for e in announced if e.type == "casework.retention.schedule_changed"]

    [event] = await eventually(schedule)
    assert event.data["schedule"]["message"]["kept_for"]["years"] == 1
    assert event.data["policy_version"] == changed.json()["version"]


async def test_a_granted_rectification_corrects_the_contact_record_and_is_announced(
    announced: list[Envelope], client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    case_id, _ = await open_case(client, test_env, status="investigating")
    people = await client.get(
        f"/v1/cases/{case_id}/complainants", headers=bearer(test_env, "officer")
    )
    [person] = [p["person_id"] for p in people.json()]
    body = {
        "kind": "rectification",
        "person_ids": [person],
        "decision": "granted",
        "reason": "Her email address was typed wrongly at intake.",
    }
    without = await client.post("/v1/data-requests", json=body, headers=bearer(test_env, "officer"))
    assert without.status_code == 422
    assert [d["field"] for d in without.json()["error"]["details"]] == ["corrections"]
    granted = await client.post(
        "/v1/data-requests",
        json=body
        | {
            "corrections": {
                "email": "sam.corrected@example.org",
                "preferences": {"safe": ["email"], "preferred": "email"},
                "reason": "Rectified on her request.",
            }
        },
        headers=bearer(test_env, "officer"),
    )
    assert granted.status_code == 201, granted.text
    assert granted.json()["carried_out"] is True
    [record] = await sql(
        test_env, "SELECT email FROM complainants WHERE id = $1", uuid.UUID(person)
    )
    assert record["email"] == "sam.corrected@example.org"

    async def changed() -> list[Envelope]:
        return [
            e
            for e in announced
            if e.type == "casework.contact.changed" and e.data["complainant"]["person_id"] == person
        ]

    [event] = await eventually(changed)
    assert event.data["complainant"]["email"] == "sam.corrected@example.org"


@pytest.mark.parametrize("on", ["0001-01-01", "9999-12-31", "yesterday"])
async def test_a_dry_run_of_an_impossible_day_is_a_422_naming_it(
    client: httpx.AsyncClient, test_env: TestEnvironment, on: str
) -> None:
    got = await client.get(
        "/v1/retention/due", params={"on": on}, headers=bearer(test_env, "admin")
    )
    assert got.status_code == 422, got.text
    assert [d["field"].split(".")[-1] for d in got.json()["error"]["details"]] == ["on"]
