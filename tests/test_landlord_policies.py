"""Each landlord's policy, all the way through the services that work by it: casework (which
owns it and announces every version), notifications (the survey after closure, the case
review's applicant) and engagement (the Positive Engagement Service's referral decisions),
running in process on the real database and bus."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from asb_devtools.mailsink import create_app as create_mailsink
from asb_shared.calendar import LONDON, WorkingCalendar, calendar_for
from asb_shared.contracts.common import (
    AsbCategory,
    Channel,
    Contact,
    ContactChannel,
    ContactPreferences,
    Location,
)
from asb_shared.contracts.intake import CaseReviewRequested, Reporter, ReportReceivedV2
from asb_shared.testing import (
    TestEnvironment,
    captured_events,
    eventually,
    free_port,
    publish_event,
    running_api,
    service_api,
    service_worker,
)
from casework.lifecycle.survey import survey_due
from casework.main import definition as casework
from casework.policy.settings import PolicySettings
from engagement.main import definition as engagement
from notifications.main import definition as notifications

REASON = "Board approved the landlord's ASB policy"


@dataclass
class System:
    env: TestEnvironment
    casework: httpx.AsyncClient
    mail: httpx.AsyncClient

    def staff(self, role: str, org: uuid.UUID) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.env.token(role, organisation_id=org)}"}

    async def sql(self, service: str, query: str, *args: Any) -> list[asyncpg.Record]:
        url = self.env.database_url(service).replace("+asyncpg", "")
        conn = await asyncpg.connect(url)
        try:
            return list(await conn.fetch(query, *args))
        finally:
            await conn.close()

    async def set_policy(self, org: uuid.UUID, **parts: Any) -> int:
        settings = PolicySettings().model_dump(mode="json") | parts
        answer = await self.casework.put(
            f"/v1/organisations/{org}/policy",
            json={"reason": REASON, "settings": settings},
            headers=self.staff("admin", org),
        )
        assert answer.status_code == 200, answer.text
        return int(answer.json()["version"])

    async def report(
        self,
        org: uuid.UUID,
        *,
        email: str,
        language: str = "en",
        category: AsbCategory = AsbCategory.NOISE,
    ) -> tuple[str, str]:
        """A named report through the bus, as intake sends it: (case id, report reference)."""
        reference = f"ASB-2026-{uuid.uuid4().int % 900000 + 100000}"
        event = ReportReceivedV2(
            report_id=uuid.uuid4(),
            reference=reference,
            channel=Channel.WEB,
            categories=[category],
            description="Loud music every night from the flat above mine.",
            location=Location(address=f"{uuid.uuid4().hex[:8]} Policy Road", postcode="SK1 1AA"),
            occurred_at=datetime.now(LONDON) - timedelta(days=1),
            received_at=datetime.now(LONDON),
            anonymous=False,
            reporter=Reporter(
                name="Ceri",
                email=email,
                preferences=ContactPreferences(
                    safe=[ContactChannel.EMAIL], preferred=ContactChannel.EMAIL, language=language
                ),
            ),
        )
        await publish_event(self.env, event, organisation_id=org)

        async def case_id() -> str | None:
            rows = await self.sql(
                "casework",
                "SELECT case_id FROM case_reports WHERE report_reference = $1",
                reference,
            )
            return str(rows[0]["case_id"]) if rows else None

        return str(await eventually(case_id, timeout=30)), reference

    async def mail_to(self, address: str, count: int) -> list[dict[str, Any]]:
        async def arrived() -> list[dict[str, Any]] | None:
            found = list((await self.mail.get("/api/messages", params={"to": address})).json())
            return found if len(found) >= count else None

        return list(await eventually(arrived, timeout=30))


@pytest.fixture(scope="module")
async def system(test_env: TestEnvironment) -> AsyncIterator[System]:
    env = test_env.derive("policies")
    smtp_port = free_port()
    sent = {"smtp_port": smtp_port, "dispatch_poll_seconds": 0.2, "survey_delay_days": 30}
    async with (
        # What services not running here would consume, so nothing waits in an outbox.
        captured_events(env, "casework.case.status_changed", "notifications.in_app.posted"),
        running_api(create_mailsink("127.0.0.1", smtp_port)) as mail,
        service_api(env, casework) as api,
        service_worker(env, casework),
        service_worker(env, notifications, **sent),
        service_worker(env, engagement),
    ):
        yield System(env, api, mail)


def _calendar(region: str, closure_days: tuple[date, ...] = ()) -> WorkingCalendar:
    return calendar_for(region, closure_days=closure_days)


async def test_two_landlords_get_their_surveys_on_their_own_working_days(system: System) -> None:
    quick, slow = uuid.uuid4(), uuid.uuid4()
    today = datetime.now(LONDON).date()
    # The slow landlord is in Scotland and shuts its office for a training day next week.
    training = _calendar("scotland").add_working_days(today, 3)
    await system.set_policy(quick, survey_after_closure_working_days=1)
    await system.set_policy(
        slow,
        survey_after_closure_working_days=7,
        calendar={"region": "scotland", "closure_days": [training.isoformat()]},
    )
    expected: dict[uuid.UUID, datetime] = {}
    for org, days, cal in (
        (quick, 1, _calendar("england_and_wales")),
        (slow, 7, _calendar("scotland", (training,))),
    ):
        case_id, _ = await system.report(org, email=f"survey-{org.hex[:8]}@example.org")
        await system.sql(
            "casework", "UPDATE cases SET status = 'open' WHERE id = $1", uuid.UUID(case_id)
        )
        closed = await system.casework.post(
            f"/v1/cases/{case_id}/closure",
            json={
                "outcome": "resolved",
                "reason": "The music stopped after the warning letter.",
                "discussed_with_complainant_at": (
                    datetime.now(LONDON) - timedelta(minutes=5)
                ).isoformat(),
            },
            headers=system.staff("officer", org),
        )
        assert closed.status_code == 201, closed.text
        closed_at = datetime.fromisoformat(closed.json()["closed_at"])
        expected[uuid.UUID(case_id)] = survey_due(closed_at, days, cal)

    async def surveys() -> dict[uuid.UUID, datetime] | None:
        rows = await system.sql(
            "notifications",
            "SELECT case_id, due_at FROM messages"
            " WHERE kind = 'satisfaction_survey' AND case_id = ANY($1::uuid[])",
            list(expected),
        )
        return {r["case_id"]: r["due_at"] for r in rows} if len(rows) == 2 else None

    found = await eventually(surveys, timeout=30)
    assert found == expected
    quick_due, slow_due = (found[c] for c in expected)
    # Not notifications' own 30 days: each landlord's working days, the slow one past its
    # training day and Scotland's bank holidays.
    assert quick_due < slow_due < datetime.now(LONDON) + timedelta(days=30)
    assert training not in {d.astimezone(LONDON).date() for d in found.values()}


def _days_where_scotland_differs(received: datetime) -> int:
    """The fewest working days over which Scotland's calendar and England's part (a bank
    holiday one has and the other not)."""
    scotland, england = _calendar("scotland"), _calendar("england_and_wales")
    for days in range(1, 261):
        if scotland.due_at(received, days) != england.due_at(received, days):
            return days
    raise AssertionError("no Scottish bank holiday within a working year")


async def test_a_landlord_in_scotland_has_its_pes_referral_decision_on_the_scottish_calendar(
    system: System,
) -> None:
    org = uuid.uuid4()
    days = _days_where_scotland_differs(datetime.now(LONDON))
    version = await system.set_policy(
        org, calendar={"region": "scotland"}, engagement={"decision_working_days": days}
    )
    await eventually(
        lambda: system.sql(
            "engagement",
            "SELECT 1 FROM landlord_policies WHERE organisation_id = $1 AND version = $2",
            org,
            version,
        ),
        timeout=30,
    )
    case_id, _ = await system.report(org, email="pes@example.org")
    referred = await system.casework.post(
        f"/v1/cases/{case_id}/referrals",
        json={"kind": "engagement", "person_name": "Alex Subject", "reason": "Alcohol-driven ASB"},
        headers=system.staff("officer", org),
    )
    assert referred.status_code == 201, referred.text
    [row] = await eventually(
        lambda: system.sql(
            "engagement",
            "SELECT received_at, decision_due_at FROM referrals WHERE id = $1",
            uuid.UUID(referred.json()["id"]),
        ),
        timeout=30,
    )
    received = row["received_at"]
    assert row["decision_due_at"] == _calendar("scotland").due_at(received, days)
    assert row["decision_due_at"] != _calendar("england_and_wales").due_at(received, days)


async def test_an_applicant_hears_the_decision_and_the_outcome_in_their_language(
    system: System,
) -> None:
    org = uuid.uuid4()
    email = f"applicant-{org.hex[:8]}@example.org"
    _, reference = await system.report(org, email=email)
    application_id = uuid.uuid4()
    await publish_event(
        system.env,
        CaseReviewRequested(
            application_id=application_id,
            applicant=Contact(name="Ceri", email=email),
            report_references=[reference],
            description="Three reports in six months and the music goes on.",
            applicant_preferences=ContactPreferences(
                safe=[ContactChannel.EMAIL], preferred=ContactChannel.EMAIL, language="cy"
            ),
        ),
        organisation_id=org,
    )
    await eventually(
        lambda: system.sql("casework", "SELECT 1 FROM case_reviews WHERE id = $1", application_id),
        timeout=30,
    )
    leader = system.staff("team_leader", org)
    url = f"/v1/case-reviews/{application_id}"
    decided = await system.casework.post(
        f"{url}/decision", json={"accepted": True, "reason": "Tri adroddiad"}, headers=leader
    )
    assert decided.status_code == 200, decided.text
    welsh = [m for m in await system.mail_to(email, 2) if "adolygiad" in m["subject"]]
    assert [m["subject"] for m in welsh] == [
        "Eich cais am adolygiad achos ymddygiad gwrthgymdeithasol"
    ]
    assert "Tri adroddiad" in welsh[0]["body"] and "cyrraedd y trothwy" in welsh[0]["body"]

    for step, body in (
        (
            "meeting",
            {
                "held_at": (datetime.now(LONDON) - timedelta(hours=1)).isoformat(),
                "attendees": ["Housing", "Police"],
            },
        ),
        (
            "recommendations",
            {
                "recommendations": [
                    {"action": "Joint visit", "owner": "PC Khan", "due_date": "2027-01-10"}
                ]
            },
        ),
        ("outcome", {"outcome": "Ymweliad ar y cyd a monitor sŵn"}),
    ):
        answer = await system.casework.post(f"{url}/{step}", json=body, headers=leader)
        assert answer.status_code == 200, answer.text
    outcome = [m for m in await system.mail_to(email, 3) if m["subject"].startswith("Canlyniad")]
    assert len(outcome) == 1
    assert "Ymweliad ar y cyd a monitor sŵn" in outcome[0]["body"]
    assert "apelio" in outcome[0]["body"]  # told until when they may appeal
    [delivered] = await system.sql(
        "notifications",
        "SELECT count(*) AS n FROM messages WHERE case_id = $1 AND status = 'delivered'"
        " AND language = 'cy'",
        application_id,
    )
    assert delivered["n"] == 2


async def test_an_applicant_with_no_safe_channel_is_never_emailed(system: System) -> None:
    """On a domestic-abuse route, an applicant who marked no channel safe gets no message: the
    team is given the task of telling them instead."""
    org = uuid.uuid4()
    email = f"careful-{org.hex[:8]}@example.org"
    _, reference = await system.report(
        org, email=f"victim-{org.hex[:8]}@example.org", category=AsbCategory.DOMESTIC_ABUSE
    )
    application_id = uuid.uuid4()
    await publish_event(
        system.env,
        CaseReviewRequested(
            application_id=application_id,
            applicant=Contact(name="Sam", email=email),
            report_references=[reference],
            description="Please review how my reports were handled.",
            applicant_preferences=ContactPreferences(unsafe=[ContactChannel.EMAIL]),
        ),
        organisation_id=org,
    )
    await eventually(
        lambda: system.sql("casework", "SELECT 1 FROM case_reviews WHERE id = $1", application_id),
        timeout=30,
    )
    decided = await system.casework.post(
        f"/v1/case-reviews/{application_id}/decision",
        json={"accepted": False, "reason": "Not met"},
        headers=system.staff("team_leader", org),
    )
    assert decided.status_code == 200, decided.text
    [withheld] = await eventually(
        lambda: system.sql(
            "notifications",
            "SELECT status, task FROM messages WHERE case_id = $1 AND kind = 'case_review_decision'"
            " AND status = 'withheld'",
            application_id,
        ),
        timeout=30,
    )
    assert withheld["task"]
    assert (await system.mail.get("/api/messages", params={"to": email})).json() == []
