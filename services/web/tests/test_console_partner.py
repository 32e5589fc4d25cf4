"""A partner agency's member of staff in the console: the cases shared with their agency as the
real partner gateway redacts them, an update that reaches the officer's case page, safeguarding
referrals and case conferences; nothing once the agreement is withdrawn, and nothing of another
partner's."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from asb_shared.auth import Role
from asb_shared.contracts.casework import SafeguardingReferralMade
from asb_shared.testing import eventually, publish_event
from console_samples import CONSOLE_ORG, Console, csrf_of, open_case
from web.console.staff import StaffUser


def _staff(console: Console, role: str = "admin") -> dict[str, str]:
    token = console.test_env.token(role, organisation_id=CONSOLE_ORG, subject=f"{role}-partners")
    return {"Authorization": f"Bearer {token}"}


async def _partner(console: Console, name: str, kind: str = "police") -> str:
    made = await console.gateway.post(
        "/v1/partners",
        json={"name": name, "kind": kind, "admin_email": "asb@partner.example"},
        headers=_staff(console),
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def _agreement(
    console: Console, partner_id: str, fields: list[str], scopes: list[str]
) -> str:
    today = date.today()
    made = await console.gateway.post(
        "/v1/agreements",
        json={
            "partner_id": partner_id,
            "title": "ASB information sharing",
            "parties": ["Console Homes", "Partner"],
            "purpose": "Preventing and tackling anti-social behaviour",
            "lawful_basis": ["Crime and Disorder Act 1998 s115"],
            "categories": ["noise"],
            "fields": fields,
            "scopes": scopes,
            "starts_on": (today - timedelta(days=1)).isoformat(),
            "review_on": (today + timedelta(days=90)).isoformat(),
            "expires_on": (today + timedelta(days=365)).isoformat(),
        },
        headers=_staff(console),
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def _case(console: Console) -> tuple[str, str]:
    """A case opened from a report (with its complainant, Morgan Whitfield): its id and the
    case's reference (what a partner may be shown)."""
    case_id, _ = await open_case(console, name="Morgan Whitfield")
    found = await console.casework.get(f"/v1/cases/{case_id}", headers=_staff(console, "officer"))
    assert found.status_code == 200, found.text
    return case_id, str(found.json()["reference"])


async def _share(console: Console, case_id: str, partner_id: str, agreement_id: str) -> None:
    async def shared() -> bool:
        answer = await console.gateway.post(
            f"/v1/cases/{case_id}/shares",
            json={"partner_id": partner_id, "agreement_id": agreement_id, "reason": "Joint work"},
            headers=_staff(console, "officer"),
        )
        assert answer.status_code in (201, 404), answer.text  # 404 until the case is projected
        return answer.status_code == 201

    await eventually(shared, timeout=20)


def _member(console: Console, key: str, partner_id: str | None, name: str) -> dict[str, str]:
    """A partner's member of staff signed in to the console (their token's partner claim names
    ``partner_id``); the header that makes a request theirs."""
    subject = f"partner-{key}"
    token = console.test_env.token(
        Role.PARTNER_STAFF.value,
        organisation_id=CONSOLE_ORG,
        subject=subject,
        name=name,
        claims={"partner_id": partner_id} if partner_id else None,
    )
    console.staff[key] = StaffUser(
        subject, name, CONSOLE_ORG, frozenset({Role.PARTNER_STAFF}), token
    )
    return {"X-Test-Staff": key}


@pytest.fixture(scope="module")
async def shared(console: Console) -> dict[str, Any]:
    """A noise case shared with the police under an agreement of the reference, status and
    categories only (not the complainant), and a police officer signed in."""
    case_id, reference = await _case(console)
    police = await _partner(console, f"Police {uuid.uuid4().hex[:6]}")
    agreement = await _agreement(
        console, police, ["reference", "status", "categories"], ["cases:read", "cases:write"]
    )
    await _share(console, case_id, police, agreement)
    return {
        "case_id": case_id,
        "reference": reference,
        "police": police,
        "agreement": agreement,
        "as_police": _member(console, "police", police, "PC Ada Lovelace"),
    }


async def test_a_partner_sees_the_shared_case_as_the_gateway_redacts_it(
    console: Console, shared: dict[str, Any]
) -> None:
    home = await console.client.get("/partner", headers=shared["as_police"])
    assert home.status_code == 200, home.text
    assert f'href="/partner/cases/{shared["case_id"]}"' in home.text
    # Their navigation is the partner's pages, none of the landlord's.
    assert "Shared cases" in home.text and "My cases" not in home.text

    page = await console.client.get(
        f"/partner/cases/{shared['case_id']}", headers=shared["as_police"]
    )
    assert page.status_code == 200
    assert shared["reference"] in page.text
    # The agreement leaves the complainant out: not on the page, and the page says so.
    assert "Morgan Whitfield" not in page.text and "morgan@example.org" not in page.text
    assert "Complainant&#39;s name" in page.text or "Complainant's name" in page.text
    assert 'id="complainant-name"' not in page.text


async def test_their_update_reaches_the_officers_case_page_named_as_them(
    console: Console, shared: dict[str, Any]
) -> None:
    path = f"/partner/cases/{shared['case_id']}"
    form = await console.client.get(path, headers=shared["as_police"])
    now = datetime.now(UTC) - timedelta(minutes=5)
    posted = await console.client.post(
        f"{path}/updates",
        data={
            "csrf_token": csrf_of(form.text),
            "idempotency-key": f"form-{uuid.uuid4()}",
            "update-kind": "action",
            "update-action": "joint_visit_done",
            "update-text": "Visited with the housing officer; occupier warned about the music.",
            "update-day": now.date().isoformat(),
            "update-time": now.strftime("%H:%M"),
        },
        headers=shared["as_police"],
    )
    assert posted.status_code == 303, posted.text
    again = await console.client.get(path, headers=shared["as_police"])
    assert "occupier warned about the music" in again.text and "PC Ada Lovelace" in again.text

    async def on_officers_page() -> bool:
        case = await console.client.get(f"/cases/{shared['case_id']}")
        return "occupier warned about the music" in case.text

    await eventually(on_officers_page, timeout=20)


async def test_an_unreadable_or_refused_update_shows_the_error_summary(
    console: Console, shared: dict[str, Any]
) -> None:
    path = f"/partner/cases/{shared['case_id']}"
    form = await console.client.get(path, headers=shared["as_police"])
    base = {"csrf_token": csrf_of(form.text), "update-kind": "update", "update-text": "Seen"}
    bad_day = await console.client.post(
        f"{path}/updates",
        data={**base, "update-day": "31-02-2026", "update-time": "10:00"},
        headers=shared["as_police"],
    )
    assert bad_day.status_code == 422
    assert 'href="#update-day"' in bad_day.text and "govuk-error-summary" in bad_day.text
    no_action = await console.client.post(
        f"{path}/updates",
        data={
            **base,
            "update-kind": "action",
            "update-day": date.today().isoformat(),
            "update-time": "00:01",
        },
        headers=shared["as_police"],
    )
    assert no_action.status_code == 422
    assert 'href="#update-action"' in no_action.text
    # Without the form's token, nothing is posted.
    forged = await console.client.post(
        f"{path}/updates", data={**base, "csrf_token": "x"}, headers=shared["as_police"]
    )
    assert forged.status_code in (400, 403)


async def test_another_partner_and_the_landlords_staff_see_none_of_it(
    console: Console, shared: dict[str, Any]
) -> None:
    council = await _partner(console, f"Council {uuid.uuid4().hex[:6]}", "council_asb")
    await _agreement(console, council, ["reference"], ["cases:read"])
    as_council = _member(console, "council", council, "Council Officer")
    listed = await console.client.get("/partner", headers=as_council)
    assert listed.status_code == 200 and shared["case_id"] not in listed.text
    case = await console.client.get(f"/partner/cases/{shared['case_id']}", headers=as_council)
    assert case.status_code == 404 and shared["reference"] not in case.text
    # A sign-in naming no partner, and the landlord's officer, are no partner's.
    as_nobody = _member(console, "nobody", None, "No Partner")
    assert (await console.client.get("/partner", headers=as_nobody)).status_code == 403
    officer = await console.client.get("/partner")
    assert officer.status_code == 403 and shared["reference"] not in officer.text


async def test_safeguarding_referrals_are_acknowledged_and_answered(console: Console) -> None:
    case_id, _ = await open_case(console)
    mash = await _partner(console, f"MASH {uuid.uuid4().hex[:6]}", "mash")
    await _agreement(console, mash, ["reference"], ["safeguarding"])
    as_mash = _member(console, "mash", mash, "MASH Duty Worker")
    await publish_event(
        console.test_env,
        SafeguardingReferralMade(
            referral_id=uuid.uuid4(),
            case_id=uuid.UUID(case_id),
            case_reference="CONS-2026-000001",
            kind="mash",
            person_name="Child B",
            reason="Left alone overnight",
            details="Not for this agreement",
            referred_by="Test officer",
            referred_at=datetime.now(UTC),
        ),
        organisation_id=CONSOLE_ORG,
    )

    async def delivered() -> str | None:
        page = await console.client.get("/partner/referrals", headers=as_mash)
        return page.text if "Child B" in page.text else None

    page = await eventually(delivered, timeout=20)
    assert "Not for this agreement" not in page  # the details need the safeguarding field
    referral_id = page.split('id="referral-')[1].split('"')[0]
    ack = await console.client.post(
        f"/partner/referrals/{referral_id}/acknowledgement",
        data={"csrf_token": csrf_of(page)},
        headers=as_mash,
    )
    assert ack.status_code == 303, ack.text
    page = (await console.client.get("/partner/referrals", headers=as_mash)).text
    empty = await console.client.post(
        f"/partner/referrals/{referral_id}/outcome",
        data={"csrf_token": csrf_of(page), f"outcome-{referral_id}": ""},
        headers=as_mash,
    )
    assert empty.status_code == 422 and f'href="#outcome-{referral_id}"' in empty.text
    answered = await console.client.post(
        f"/partner/referrals/{referral_id}/outcome",
        data={"csrf_token": csrf_of(page), f"outcome-{referral_id}": "Strategy meeting held"},
        headers=as_mash,
    )
    assert answered.status_code == 303
    page = (await console.client.get("/partner/referrals", headers=as_mash)).text
    assert "Strategy meeting held" in page and "Outcome recorded" in page


async def test_a_conference_and_the_action_the_partner_owns(
    console: Console, shared: dict[str, Any]
) -> None:
    officer = _staff(console, "officer")
    made = await console.gateway.post(
        f"/v1/cases/{shared['case_id']}/conferences",
        json={
            "title": "Noise on the landing: partners meet",
            "scheduled_at": (datetime.now(UTC) + timedelta(days=3)).isoformat(),
            "location": "Town Hall, room 2",
            "agenda": ["What has happened since"],
            "invite": [shared["police"]],
        },
        headers=officer,
    )
    assert made.status_code == 201, made.text
    conference = made.json()["id"]
    action = await console.gateway.post(
        f"/v1/conferences/{conference}/actions",
        json={
            "description": "Patrol the block at night",
            "owner_partner_id": shared["police"],
            "due_on": (date.today() + timedelta(days=7)).isoformat(),
        },
        headers=officer,
    )
    assert action.status_code == 201, action.text
    action_id = action.json()["id"]

    # The police's agreement does not give conferences: nothing listed, the page says why.
    listed = await console.client.get("/partner/conferences", headers=shared["as_police"])
    assert listed.status_code == 200 and 'id="not-in-force"' in listed.text
    await _agreement(console, shared["police"], ["reference"], ["conferences", "cases:read"])
    listed = await console.client.get("/partner/conferences", headers=shared["as_police"])
    assert f'href="/partner/conferences/{conference}"' in listed.text
    path = f"/partner/conferences/{conference}"
    page = await console.client.get(path, headers=shared["as_police"])
    assert "Patrol the block at night" in page.text and f"update-action-{action_id}" in page.text
    updated = await console.client.post(
        f"{path}/actions/{action_id}",
        data={
            "csrf_token": csrf_of(page.text),
            f"status-{action_id}": "done",
            f"note-{action_id}": "Three patrols, all quiet",
        },
        headers=shared["as_police"],
    )
    assert updated.status_code == 303, updated.text
    page = await console.client.get(path, headers=shared["as_police"])
    assert "Three patrols, all quiet" in page.text


async def test_after_the_withdrawal_the_next_page_shows_nothing(console: Console) -> None:
    case_id, reference = await _case(console)
    probation = await _partner(console, f"Probation {uuid.uuid4().hex[:6]}", "probation")
    agreement = await _agreement(console, probation, ["reference"], ["cases:read"])
    await _share(console, case_id, probation, agreement)
    as_probation = _member(console, "probation", probation, "Probation Officer")
    assert reference in (await console.client.get("/partner", headers=as_probation)).text

    withdrawn = await console.gateway.post(
        f"/v1/agreements/{agreement}/withdrawal",
        json={"reason": "The partnership ended"},
        headers=_staff(console),
    )
    assert withdrawn.status_code == 200, withdrawn.text
    listed = await console.client.get("/partner", headers=as_probation)
    assert listed.status_code == 200
    assert reference not in listed.text and 'id="not-in-force"' in listed.text
    case = await console.client.get(f"/partner/cases/{case_id}", headers=as_probation)
    assert case.status_code == 404 and reference not in case.text
