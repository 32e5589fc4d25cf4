"""Finding a person's reports through the index gives the same people and the same counts as
reading every complainant record of the period: on landlords made at random, with chains of
shared keys, staff's merges (one undone), problems with and without an address, and reports
older than the period."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from asb_shared.db import Database
from casework.cases.models import Case, CaseReport, Complainant
from casework.contacts.complainants import recognise
from casework.people.models import PersonMerge
from casework.people.store import (
    ComplainantReport,
    complainant_reports,
    connected_reports,
    live_merges,
    person_of_records,
)
from casework.trigger.counting import (
    Thresholds,
    months_before,
    thresholds_met,
)
from casework.trigger.eligibility import problem_of, qualifying_reports
from sqlalchemy.ext.asyncio import AsyncSession

AT = datetime(2026, 11, 1, 12, tzinfo=UTC)
THRESHOLDS = Thresholds(
    reports=3, within_months=6, households=3, households_rule=True, hate_incident_rule=True
)

EMAILS = [f"person{i}@example.org" for i in range(6)]
PHONES = ["07700900001", "07700900002", "+44 7700 900003", "07700900004"]
NAMES = ["Jo Smith", "Mrs Jo Smith", "Sam Patel", "Alex Brown", "Chris Green"]
HOMES = ["1 Elm Close, SK1 1AA", "2 Elm Close, SK1 1AA", "9 Oak Road, SK2 2BB", None]
PLACES = ["addr:elm close", "addr:oak road", "addr:ash row", None]


async def _landlord(session: AsyncSession, rng: random.Random, org: uuid.UUID) -> None:
    records: list[uuid.UUID] = []
    for n in range(rng.randint(25, 45)):
        case = Case(
            id=uuid.uuid4(),
            organisation_id=org,
            status="investigating",
            categories=[rng.choice(["noise", "hate_incident", "vandalism"])],
            summary="seeded",
            address_key=rng.choice(PLACES),
            anonymous=False,
            priority_route=rng.choice([None, None, "hate"]),
        )
        session.add(case)
        await session.flush()
        for m in range(rng.randint(1, 3)):
            report_id = uuid.uuid4()
            reference = f"T-{org.hex[:6]}-{n}-{m}"
            session.add(
                CaseReport(
                    report_id=report_id,
                    case_id=case.id,
                    organisation_id=org,
                    report_reference=reference,
                    channel="web",
                    description="seeded",
                    occurred_at=AT,
                    received_at=AT - timedelta(days=rng.randint(0, 300)),
                )
            )
            record = Complainant(
                id=uuid.uuid4(),
                case_id=case.id,
                organisation_id=org,
                report_id=report_id,
                report_reference=reference,
                name=rng.choice([*NAMES, None]),
                email=rng.choice([*EMAILS, None, None]),
                phone=rng.choice([*PHONES, None, None]),
                address=rng.choice(HOMES),
                preferences={},
                version=1,
            )
            recognise(record)
            session.add(record)
            records.append(record.id)
    await session.flush()
    for undone in (False, False, True):
        a, b = sorted(rng.sample(records, 2))
        session.add(
            PersonMerge(
                organisation_id=org,
                record_a=a,
                record_b=b,
                reason="the officer knows them",
                merged_by="officer",
                unmerged_by="officer" if undone else None,
                unmerged_at=AT if undone else None,
            )
        )


async def _record(
    session: AsyncSession,
    org: uuid.UUID,
    place: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    days_ago: int = 1,
) -> uuid.UUID:
    """One case about ``place`` with one report by someone whose home is not known."""
    case = Case(
        organisation_id=org,
        status="investigating",
        categories=["noise"],
        summary="seeded",
        address_key=place,
        anonymous=False,
    )
    session.add(case)
    await session.flush()
    report_id = uuid.uuid4()
    session.add(
        CaseReport(
            report_id=report_id,
            case_id=case.id,
            organisation_id=org,
            report_reference=f"T-{report_id.hex[:12]}",
            channel="web",
            description="seeded",
            occurred_at=AT,
            received_at=AT - timedelta(days=days_ago),
        )
    )
    record = Complainant(
        case_id=case.id,
        organisation_id=org,
        report_id=report_id,
        report_reference=f"T-{report_id.hex[:12]}",
        name=None,
        email=email,
        phone=phone,
        address=None,
        preferences={},
        version=1,
    )
    recognise(record)
    session.add(record)
    await session.flush()
    return record.id


async def test_two_reporters_of_the_problem_known_as_one_through_a_report_elsewhere(
    db: Database,
) -> None:
    """B and C reported the problem A reported; B and C are one person only because of a report
    of theirs about another place. Three reporters of the problem, but two households."""
    org = uuid.uuid4()
    async with db.transaction() as session:
        asked = await _record(session, org, "addr:x", email="a@example.org")
        await _record(session, org, "addr:x", email="b@example.org")
        await _record(session, org, "addr:x", phone="07700900009")
        await _record(session, org, "addr:y", email="b@example.org", phone="07700900009")
    since = months_before(AT, THRESHOLDS.within_months)
    async with db.transaction() as session:
        found = await connected_reports(session, org, [asked], [], since, AT, [], problem_of)
        assert len(found) == 4
        person = person_of_records(found, [])
        assert len({person[r.record_id] for r in found}) == 2
        assert _counts(found, person, person[asked]) == []  # 2 households of 3


def _counts(
    records: list[ComplainantReport], person: dict[uuid.UUID, str], who: str
) -> list[tuple[str, str, int]]:
    qualifying = qualifying_reports(records, person)
    return sorted((m.rule.value, m.problem, m.counted) for m in thresholds_met(
        qualifying, who, AT, THRESHOLDS
    ))  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
async def test_the_people_and_counts_found_through_the_index_are_those_of_the_whole_period(
    db: Database, seed: int
) -> None:
    rng = random.Random(seed)
    org = uuid.uuid4()
    async with db.transaction() as session:
        await _landlord(session, rng, org)
    since = months_before(AT, THRESHOLDS.within_months)
    async with db.transaction() as session:
        merges = await live_merges(session, org)
        everyone = await complainant_reports(
            session,
            org,
            CaseReport.received_at >= since,
            CaseReport.received_at <= AT,
        )
        assert len(everyone) > 20
        people = person_of_records(everyone, merges)
        groups = {people[r.record_id] for r in everyone}
        assert len(groups) < len(everyone)  # some chains and merges did join records
        checked = 0
        for record in everyone:
            found = await connected_reports(
                session, org, [record.record_id], [], since, AT, merges, problem_of
            )
            mine = person_of_records(found, merges)
            who = people[record.record_id]
            # The same person, made of the same records...
            assert {r.record_id for r in found if mine[r.record_id] == mine[record.record_id]} == {
                r.record_id for r in everyone if people[r.record_id] == who
            }
            # Everyone read is grouped as they are among all the records of the period.
            ids = {r.record_id for r in found}
            for other in found:
                assert {x for x in ids if mine[x] == mine[other.record_id]} == {
                    x for x in ids if people[x] == people[other.record_id]
                }
            # ...meeting the same thresholds with the same counts.
            assert _counts(found, mine, mine[record.record_id]) == _counts(everyone, people, who)
            # And fewer records read than the whole period, whenever they are not everyone.
            assert len(found) <= len(everyone)
            checked += 1
        assert checked == len(everyone)


def test_keys_follow_an_officers_change_of_details() -> None:
    record = Complainant(name="Jo Smith", email="Jo@Example.org", phone=None, address=None)
    recognise(record)
    assert record.person_keys == ["email:jo@example.org"]
    record.phone = "+44 7700 900123"
    record.address = "1 Elm Close, SK1 1AA"
    recognise(record)
    assert record.person_keys == [
        "email:jo@example.org",
        "name:jo smith|SK11AA",
        "phone:07700900123",
    ]
