"""A landlord's policy settings through the API: defaults, validation naming the field, versions
with an audit trail, walls between landlords, and each case keeping the version it opened under."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from asb_shared.calendar import calendar_for
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import TestEnvironment, publish_event
from casework.policy.settings import PolicySettings, problems
from casework_samples import bearer, case_of, received, sql

REASON = "Board approved the 2026 ASB policy review"


def policy_url(org: uuid.UUID) -> str:
    return f"/v1/organisations/{org}/policy"


def settings_with(**parts: Any) -> dict[str, Any]:
    return PolicySettings().model_dump(mode="json") | parts


async def put_policy(
    client: httpx.AsyncClient, test_env: TestEnvironment, org: uuid.UUID, settings: dict[str, Any]
) -> httpx.Response:
    return await client.put(
        policy_url(org),
        json={"reason": REASON, "settings": settings},
        headers=bearer(test_env, "admin", org=org, subject="admin-1"),
    )


def fields_named(response: httpx.Response) -> list[str]:
    assert response.status_code == 422, response.text
    return [d["field"] for d in response.json()["error"]["details"]]


async def test_defaults_then_a_change_round_trips_as_a_new_audited_version(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    officer = bearer(test_env, "officer", org=org)
    first = await client.get(policy_url(org), headers=officer)
    assert first.status_code == 200, first.text
    assert first.json()["version"] == 0
    defaults = first.json()["settings"]
    assert defaults["standards"] == {
        "first_contact": 1,
        "action_plan": 10,
        "case_update": 10,
        "manager_review": 20,
        "risk_reassessment": 20,
        "risk_reassessment_medium": 10,
        "risk_reassessment_high": 5,
    }
    assert defaults["contact_frequency"] == {
        "default_working_days": 10,
        "high_risk_working_days": 5,
    }
    assert defaults["financial_year_start_month"] == 4
    assert defaults["calendar"]["region"] == "england_and_wales"

    # Stockport: at least weekly contact with every complainant; a count of homes for NM01.
    stockport = settings_with(
        contact_frequency={"default_working_days": 5, "high_risk_working_days": 5},
        homes=11_500,
        community_trigger={"reports": 3, "within_months": 6, "households": 5},
    )
    changed = await put_policy(client, test_env, org, stockport)
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["version"] == 1
    assert body["settings"]["contact_frequency"]["default_working_days"] == 5
    assert body["settings"]["homes"] == 11_500
    assert body["changed_by"]
    assert {c["field"] for c in body["changes"]} == {
        "contact_frequency.default_working_days",
        "homes",
    }
    assert (await client.get(policy_url(org), headers=officer)).json() == body
    # The same settings again change nothing.
    again = await put_policy(client, test_env, org, stockport)
    assert again.json()["version"] == 1
    second = await put_policy(client, test_env, org, stockport | {"link_window_days": 30})
    assert second.json()["version"] == 2
    history = (await client.get(f"{policy_url(org)}/versions", headers=officer)).json()
    assert [v["version"] for v in history] == [2, 1]
    assert history[0]["reason"] == REASON
    assert history[0]["changes"] == [{"field": "link_window_days", "from": 90, "to": 30}]
    old = await client.get(f"{policy_url(org)}/versions/1", headers=officer)
    assert old.json()["settings"]["link_window_days"] == 90
    assert (await client.get(f"{policy_url(org)}/versions/7", headers=officer)).status_code == 404


async def test_only_an_admin_changes_the_policy_and_only_their_own(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org, other = uuid.uuid4(), uuid.uuid4()
    for role in ("officer", "team_leader"):
        refused = await client.put(
            policy_url(org),
            json={"reason": REASON, "settings": settings_with()},
            headers=bearer(test_env, role, org=org),
        )
        assert refused.status_code == 403
    # Another landlord's settings do not exist as far as this one knows.
    admin = bearer(test_env, "admin", org=org)
    assert (await client.get(policy_url(other), headers=admin)).status_code == 404
    assert (await client.get(f"{policy_url(other)}/versions", headers=admin)).status_code == 404
    put_other = await client.put(
        policy_url(other), json={"reason": REASON, "settings": settings_with()}, headers=admin
    )
    assert put_other.status_code == 404
    assert (
        await sql(test_env, "SELECT 1 FROM policy_versions WHERE organisation_id = $1", other)
    ) == []


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (settings_with(standards={"first_contact": -1}), "settings.standards.first_contact"),
        (settings_with(standards={"action_plan": 0}), "settings.standards.action_plan"),
        (settings_with(standards={"first_kontakt": 1}), "settings.standards.first_kontakt"),
        (
            settings_with(survey_after_closure_working_days=-3),
            "settings.survey_after_closure_working_days",
        ),
        (settings_with(financial_year_start_month=13), "settings.financial_year_start_month"),
        (settings_with(calendar={"region": "wessex"}), "settings.calendar.region"),
        (
            # A weekly (high-risk) frequency longer than the monthly review.
            settings_with(
                standards={"manager_review": 20},
                contact_frequency={"default_working_days": 10, "high_risk_working_days": 25},
            ),
            "settings.contact_frequency.high_risk_working_days",
        ),
        (
            settings_with(standards={"manager_review": 8}),
            "settings.contact_frequency.default_working_days",
        ),
        (settings_with(calendar={"opens": "18:00", "closes": "09:00"}), "settings.calendar.closes"),
        (
            settings_with(
                standards={"first_contact": 1}, priority_first_contact={"hate_incident": 3}
            ),
            "settings.priority_first_contact.hate_incident",
        ),
    ],
)
async def test_bad_settings_are_422_naming_the_field_and_change_nothing(
    client: httpx.AsyncClient, test_env: TestEnvironment, settings: dict[str, Any], field: str
) -> None:
    org = uuid.uuid4()
    refused = await put_policy(client, test_env, org, settings)
    assert field in fields_named(refused)
    current = await client.get(policy_url(org), headers=bearer(test_env, "officer", org=org))
    assert current.json()["version"] == 0


def test_the_cross_field_rules_are_pure() -> None:
    assert problems(PolicySettings()) == []
    weekly_above_monthly = PolicySettings.model_validate(
        {"contact_frequency": {"default_working_days": 30, "high_risk_working_days": 25}}
    )
    assert {p.field for p in problems(weekly_above_monthly)} == {
        "contact_frequency.high_risk_working_days",
        "contact_frequency.default_working_days",
    }


async def due_of(test_env: TestEnvironment, case_id: object, kind: str) -> datetime:
    # Whatever its status: these dates are in the past, so the standards clock running beside
    # the test may already have recorded the breach.
    [row] = await sql(
        test_env,
        "SELECT due_at FROM standards WHERE case_id = $1 AND kind = $2",
        uuid.UUID(str(case_id)),
        kind,
    )
    return row["due_at"]  # type: ignore[no-any-return]


async def test_standards_follow_the_version_each_case_opened_under(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    org = uuid.uuid4()
    received_at = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)  # Friday 11:00 London
    await publish_event(
        test_env, received("ASB-2026-880001", received_at=received_at), organisation_id=org
    )
    before = await case_of(client, test_env, "ASB-2026-880001", org)
    # Scotland, a 3-day first contact and a 15-day action plan, from now on.
    scottish = settings_with(
        standards={"first_contact": 3, "action_plan": 15},
        calendar={"region": "scotland", "opens": "08:30", "closes": "16:30"},
    )
    assert (await put_policy(client, test_env, org, scottish)).status_code == 200
    await publish_event(
        test_env,
        received("ASB-2026-880002", received_at=received_at),
        organisation_id=org,
    )
    after = await case_of(client, test_env, "ASB-2026-880002", org)
    [[v_before], [v_after]] = [
        [
            r["policy_version"]
            for r in await sql(
                test_env, "SELECT policy_version FROM cases WHERE id = $1", uuid.UUID(str(c["id"]))
            )
        ]
        for c in (before, after)
    ]
    assert (v_before, v_after) == (0, 1)
    # The first case keeps the defaults: Monday 17:00 for first contact.
    assert await due_of(test_env, before["id"], "first_contact") == datetime(
        2026, 11, 30, 17, 0, tzinfo=UTC
    )
    # The second runs on Scotland's calendar and hours: 3 working days after Friday would be
    # Wednesday 2 December, but St Andrew's Day (Monday 30 November) does not count: Thursday.
    scotland = calendar_for("scotland")
    assert not scotland.is_working_day(datetime(2026, 11, 30).date())
    assert await due_of(test_env, after["id"], "first_contact") == datetime(
        2026, 12, 3, 16, 30, tzinfo=UTC
    )
    plan = await due_of(test_env, after["id"], "action_plan")
    assert plan.astimezone(UTC).time().isoformat() == "16:30:00"
    # A hate incident's first contact is faster by default: the same working day.
    await publish_event(
        test_env,
        received(
            "ASB-2026-880003",
            received_at=received_at,
            categories=[AsbCategory.HATE_INCIDENT],
            description="Racist abuse shouted at my door",
        ),
        organisation_id=org,
    )
    hate = await case_of(client, test_env, "ASB-2026-880003", org)
    assert hate["priority_route"] == "hate_incident"
    assert await due_of(test_env, hate["id"], "first_contact") == datetime(
        2026, 11, 27, 16, 30, tzinfo=UTC
    )
