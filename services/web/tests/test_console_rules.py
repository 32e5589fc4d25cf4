"""The console's pure rules: who the claims stand for, where sign-in may go back to, the
session's timeouts, the navigation a role is offered, and My cases' order, counts and filters."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from asb_shared.auth import Role
from web.console.identity import (
    ClaimNames,
    NotStaff,
    identity_of,
    needs_refresh,
    same_site_path,
    session_ends,
)
from web.console.navigation import may_use, navigation
from web.console.urgency import counts, filters_from, most_urgent_first

ORG = uuid.uuid4()
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_identity_from_the_platform_claims() -> None:
    found = identity_of({"sub": "u1", "org": str(ORG), "roles": ["officer", "x"], "name": "Al"})
    assert (found.subject, found.organisation_id, found.name) == ("u1", ORG, "Al")
    assert found.roles == {Role.OFFICER}


def test_identity_from_configured_claims_and_role_values() -> None:
    names = ClaimNames(subject="oid", name="preferred_username", roles="groups", organisation="t")
    found = identity_of(
        {"oid": "abc", "groups": "ASB.Leader other", "preferred_username": "lee@example"},
        names,
        {"ASB.Leader": "team_leader"},
        organisation_id=ORG,
    )
    assert found.roles == {Role.TEAM_LEADER} and found.organisation_id == ORG
    assert found.name == "lee@example"


@pytest.mark.parametrize(
    "claims",
    [
        {"org": str(ORG)},
        {"sub": "u1"},
        {"sub": "u1", "org": "not-a-uuid"},
        {"sub": " ", "org": str(ORG)},
    ],
)
def test_no_subject_or_organisation_is_nobody(claims: dict[str, object]) -> None:
    with pytest.raises(NotStaff):
        identity_of(claims)


@pytest.mark.parametrize(
    ("wanted", "back"),
    [
        ("/team?x=1", "/team?x=1"),
        ("/cases/123", "/cases/123"),
        (None, "/"),
        ("", "/"),
        ("team", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/\nSet-Cookie: x", "/"),
    ],
)
def test_back_only_to_a_path_of_the_console(wanted: str | None, back: str) -> None:
    assert same_site_path(wanted) == back


def test_a_session_ends_when_idle_and_never_past_its_absolute_end() -> None:
    idle, absolute = timedelta(minutes=30), timedelta(hours=10)
    assert session_ends(NOW, NOW, idle, absolute) == NOW + idle
    late = NOW + timedelta(hours=9, minutes=50)
    assert session_ends(NOW, late, idle, absolute) == NOW + absolute


def test_refresh_when_near_expiry_only() -> None:
    margin = timedelta(seconds=60)
    assert needs_refresh(NOW + timedelta(seconds=30), NOW, margin)
    assert not needs_refresh(NOW + timedelta(minutes=5), NOW, margin)
    assert not needs_refresh(None, NOW, margin)


def test_navigation_offers_what_a_role_may_use_and_the_console_serves() -> None:
    served = {"/", "/team", "/search"}
    officer = navigation({Role.OFFICER}, served, "/")
    assert [link.label for link in officer] == ["My cases", "Search"]
    assert [link.current for link in officer] == [True, False]
    leader = navigation({Role.TEAM_LEADER}, served, "/team")
    assert [(link.label, link.current) for link in leader][:2] == [
        ("My cases", False),
        ("Team", True),
    ]
    assert navigation({Role.PEO}, served, "/") == []
    assert may_use({Role.ADMIN}, "team") and not may_use({Role.OFFICER}, "team")


def _case(
    ref: str,
    *,
    breached: bool = False,
    warned: bool = False,
    risk: str = "standard",
    due: timedelta | None = None,
    patch: str = "SK1",
    categories: list[str] | None = None,
) -> dict[str, object]:
    return {
        "reference": ref,
        "breached": ["first_contact"] if breached else [],
        "risk_level": risk,
        "patch": patch,
        "categories": categories or ["noise"],
        "next_due": {"kind": "first_contact", "due_at": (NOW + due).isoformat(), "warned": warned}
        if due is not None
        else None,
    }


def test_most_urgent_first_breaches_then_warnings_then_high_risk_then_due() -> None:
    cases = [
        _case("none"),
        _case("soon", due=timedelta(days=1)),
        _case("later", due=timedelta(days=5)),
        _case("high", risk="high", due=timedelta(days=9)),
        _case("warned", warned=True, due=timedelta(days=3)),
        _case("breached", breached=True, due=timedelta(days=7)),
    ]
    ordered = [c["reference"] for c in most_urgent_first(cases, filters_from({}))]
    assert ordered == ["breached", "warned", "high", "soon", "later", "none"]
    found = counts(cases)
    assert (found.open, found.breached, found.warned, found.high_risk) == (6, 1, 1, 1)


def test_filters_as_the_case_list_has_them() -> None:
    cases = [
        _case("a", breached=True, patch="SK1", categories=["noise"]),
        _case("b", risk="high", patch="SK2", categories=["drugs"]),
    ]

    def kept(**query: str) -> list[object]:
        return [c["reference"] for c in most_urgent_first(cases, filters_from(query))]

    assert kept(risk="high") == ["b"]
    assert kept(category="drugs") == ["b"]
    assert kept(breached="yes") == ["a"] and kept(breached="no") == ["b"]
    assert kept(area="sk 2") == ["b"]
    # What the list does not know filters nothing.
    assert kept(risk="extreme", category="nope", breached="maybe", area="<script>") == ["a", "b"]
