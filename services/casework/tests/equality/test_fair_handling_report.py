"""Equality answers through the bus: given with a report, kept apart from the case, and shown
only in the fair-handling report's aggregates, where a group of four is suppressed."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date

import httpx
from asb_shared.calendar import LONDON
from asb_shared.contracts.intake import EqualityAnswers, EqualityAnswersGiven, Ethnicity, Sex
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework_samples import ORG, bearer, now, open_case, sql


async def test_the_fair_handling_report_suppresses_a_group_of_four(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    given: list[str] = []
    for n in range(10):
        case_id, reference = await open_case(client, test_env)
        answers = EqualityAnswers(
            ethnicity=Ethnicity.ASIAN if n < 4 else Ethnicity.WHITE,
            sex=Sex.FEMALE if n % 2 else Sex.MALE,
        )
        await publish_event(
            test_env,
            EqualityAnswersGiven(
                report_id=uuid.uuid4(), report_reference=reference, answers=answers
            ),
            organisation_id=ORG,
            producer="intake",
        )
        given.append(case_id)
    # A subject's answers, recorded by the officer: accepted, never read back.
    recorded = await client.post(
        f"/v1/cases/{given[0]}/equality",
        json={"role": "subject", "answers": {"ethnicity": "prefer_not_to_say"}},
        headers=bearer(test_env, "officer"),
    )
    assert recorded.status_code == 204 and recorded.content == b""

    async def kept() -> bool:
        rows = await sql(test_env, "SELECT count(*) AS n FROM equality_answers")
        return rows[0]["n"] >= 11

    await eventually(kept)
    today = now().astimezone(LONDON).date().isoformat()
    period = {"from": today, "to": today}
    leader = bearer(test_env, "team_leader")
    report = await client.get("/v1/equality/fair-handling", params=period, headers=leader)
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["min_group_size"] == 5 and body["from"] == today
    groups = {(g["role"], g["characteristic"], g["value"]): g for g in body["groups"]}
    asian = groups[("complainant", "ethnicity", "asian")]
    assert asian["suppressed"] and asian["people"] is None and asian["closed"] is None
    # The only other group is suppressed with it: six could be worked out from a total.
    assert groups[("complainant", "ethnicity", "white")]["suppressed"]
    assert groups[("complainant", "sex", "female")]["people"] == 5
    assert groups[("complainant", "sex", "male")]["people"] == 5
    assert groups[("subject", "ethnicity", "prefer_not_to_say")]["suppressed"]

    exported = await client.get("/v1/equality/fair-handling.csv", params=period, headers=leader)
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    [asian_row] = [r for r in rows if r["value"] == "asian"]
    assert asian_row["people"] == "" and asian_row["suppressed"] == "True"

    # Never shown to the officers working the case: not the report, not the case.
    officer = bearer(test_env, "officer")
    assert (
        await client.get("/v1/equality/fair-handling", params=period, headers=officer)
    ).status_code == 403
    detail = (await client.get(f"/v1/cases/{given[0]}", headers=officer)).text
    timeline = (await client.get(f"/v1/cases/{given[0]}/timeline", headers=officer)).text
    for text in (detail, timeline):
        assert "asian" not in text and "ethnicity" not in text and "prefer_not_to_say" not in text

    # Never in an event that leaves casework.
    carried = await sql(
        test_env, "SELECT count(*) AS n FROM outbox WHERE payload::text LIKE '%prefer_not_to_say%'"
    )
    assert carried[0]["n"] == 0

    bad = await client.get(
        "/v1/equality/fair-handling",
        params={"from": today, "to": date(2020, 1, 1).isoformat()},
        headers=leader,
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "to"
