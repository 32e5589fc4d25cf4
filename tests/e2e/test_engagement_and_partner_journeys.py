"""Journeys across services as separate processes: Positive Engagement with a case's subject,
and the police working a case shared with them. Real PostgreSQL, RabbitMQ and HTTP."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from asb_devtools.runner import System
from asb_shared.testing import TestEnvironment, eventually
from e2e_system import ORG
from gateway_samples import receiver
from standardwebhooks import Webhook

pytestmark = pytest.mark.e2e


def _staff(test_env: TestEnvironment, role: str, subject: str = "test-user") -> dict[str, str]:
    token = test_env.token(role, organisation_id=ORG, subject=subject)
    return {"Authorization": f"Bearer {token}"}


async def _open_case(
    http: httpx.AsyncClient, system: System, test_env: TestEnvironment, street: str
) -> dict[str, Any]:
    """A resident's noise report on the web, and the case casework opens for it."""
    cfg = system.config
    report = {
        "organisation_id": str(ORG),
        "categories": ["noise"],
        "description": "Loud parties and shouting from the flat above most nights this month.",
        "location": {"address": f"{street}, Stockport", "postcode": "SK4 2AA"},
        "occurred_at": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
        "reporter": {
            "name": "Robin Resident",
            "email": f"robin+{uuid.uuid4().hex[:6]}@example.org",
        },
    }
    made = await http.post(f"{cfg.api_url('intake')}/v1/reports", json=report)
    assert made.status_code == 201, made.text

    async def case() -> dict[str, Any] | None:
        page = (
            await http.get(
                f"{cfg.api_url('casework')}/v1/cases",
                params={"report_reference": made.json()["reference"]},
                headers=_staff(test_env, "officer"),
            )
        ).json()
        return page["items"][0] if page["items"] else None

    return dict(await eventually(case, timeout=30))


async def _timeline(
    http: httpx.AsyncClient, system: System, test_env: TestEnvironment, case_id: str
) -> list[dict[str, Any]]:
    url = f"{system.config.api_url('casework')}/v1/cases/{case_id}/timeline"
    return list((await http.get(url, headers=_staff(test_env, "officer"))).json())


async def test_positive_engagement_tells_the_case_status_and_outcome_and_nothing_confidential(
    system: System, test_env: TestEnvironment
) -> None:
    cfg = system.config
    engagement = cfg.api_url("engagement")
    peo = _staff(test_env, "peo", "peo-jo")
    async with httpx.AsyncClient(timeout=15) as http:
        case = await _open_case(http, system, test_env, f"{uuid.uuid4().hex[:6]} Support Street")
        referred = await http.post(
            f"{cfg.api_url('casework')}/v1/cases/{case['id']}/referrals",
            json={
                "kind": "engagement",
                "person_name": "Jordan Subject",
                "reason": "Parties linked to drinking; the tenancy is at risk.",
            },
            headers=_staff(test_env, "officer"),
        )
        assert referred.status_code == 201, referred.text
        referral_id = referred.json()["id"]

        async def arrived() -> bool:
            got = await http.get(f"{engagement}/v1/referrals/{referral_id}", headers=peo)
            return got.status_code == 200

        await eventually(arrived, timeout=30)
        accepted = await http.post(
            f"{engagement}/v1/referrals/{referral_id}/decision",
            json={"decision": "accepted", "criteria": ["alcohol_use", "risk_to_tenancy"]},
            headers=peo,
        )
        assert accepted.status_code == 200, accepted.text
        client = f"{engagement}/v1/clients/{accepted.json()['client_id']}"
        consent = await http.post(
            f"{client}/consent",
            json={
                "given_by": "Jordan Subject",
                "method": "in_person",
                "note": "Talked about the drinking at length.",
            },
            headers=peo,
        )
        assert consent.status_code in (200, 201), consent.text
        outcome = await http.post(
            f"{client}/outcome",
            json={
                "outcome": "tenancy_sustained",
                "recorded_on": date.today().isoformat(),
                "legal_action_avoided": True,
                "note": "Jordan has stopped drinking at home.",
            },
            headers=peo,
        )
        assert outcome.status_code == 201, outcome.text

        async def told() -> list[dict[str, Any]] | None:
            entries = await _timeline(http, system, test_env, case["id"])
            kinds = {e["kind"] for e in entries}
            wanted = {"engagement_referral_decided", "engagement_status", "engagement_outcome"}
            return entries if wanted <= kinds else None

        entries = await eventually(told, timeout=30)
    news = [e for e in entries if str(e["kind"]).startswith("engagement")]
    summaries = " | ".join(str(e["summary"]) for e in news)
    assert "Positive Engagement accepted the referral" in summaries
    assert "the subject consented to support" in summaries
    assert "Positive Engagement outcome: tenancy sustained" in summaries
    # What the engagement records hold stays there.
    for confidential in ("drinking at length", "stopped drinking", "in_person", "alcohol"):
        assert confidential not in str(news).lower(), confidential


async def test_the_police_read_a_shared_case_redacted_post_to_its_timeline_and_hear_it_close(
    system: System, test_env: TestEnvironment
) -> None:
    cfg = system.config
    gateway, casework = cfg.api_url("partner-gateway"), cfg.api_url("casework")
    admin, officer = _staff(test_env, "admin"), _staff(test_env, "officer", "o-police")
    async with httpx.AsyncClient(timeout=15) as http, receiver() as police_server:
        leader = _staff(test_env, "team_leader")
        officer_put = await http.put(
            f"{casework}/v1/officers/o-police",
            json={"name": "Pat Officer", "patches": ["SK4"]},
            headers=leader,
        )
        assert officer_put.status_code == 200, officer_put.text
        police = await http.post(
            f"{gateway}/v1/partners",
            json={
                "name": "Greater Manchester Police",
                "kind": "police",
                "admin_email": "asb-team@gmp.example.org",
            },
            headers=admin,
        )
        assert police.status_code == 201, police.text
        police_id = police.json()["id"]
        today = date.today()
        agreement = await http.post(
            f"{gateway}/v1/agreements",
            json={
                "partner_id": police_id,
                "title": "ASB information sharing",
                "parties": ["Landlord", "Greater Manchester Police"],
                "purpose": "Preventing and tackling anti-social behaviour",
                "lawful_basis": ["Crime and Disorder Act 1998 s115", "UK GDPR Art 6(1)(e)"],
                "categories": ["noise"],
                "fields": ["reference", "status", "categories", "outcome"],
                "scopes": ["cases:read", "cases:write", "webhooks"],
                "starts_on": (today - timedelta(days=1)).isoformat(),
                "review_on": (today + timedelta(days=180)).isoformat(),
                "expires_on": (today + timedelta(days=365)).isoformat(),
            },
            headers=admin,
        )
        assert agreement.status_code == 201, agreement.text
        creds = (
            await http.post(
                f"{gateway}/v1/partners/{police_id}/clients",
                json={"name": "Police case system"},
                headers=admin,
            )
        ).json()
        case = await _open_case(http, system, test_env, f"{uuid.uuid4().hex[:6]} Shared Road")

        async def projected() -> bool:
            page = (await http.get(f"{gateway}/v1/shared-cases", headers=admin)).json()
            return any(c["case_reference"] == case["reference"] for c in page["items"])

        await eventually(projected, timeout=30)
        shared = await http.post(
            f"{gateway}/v1/cases/{case['id']}/shares",
            json={
                "partner_id": police_id,
                "agreement_id": agreement.json()["id"],
                "reason": "Joint problem-solving",
            },
            headers=officer,
        )
        assert shared.status_code == 201, shared.text

        basic = base64.b64encode(f"{creds['client_id']}:{creds['client_secret']}".encode())
        issued = await http.post(
            f"{gateway}/partner/oauth/token",
            data={"grant_type": "client_credentials"},
            headers={"Authorization": f"Basic {basic.decode()}"},
        )
        assert issued.status_code == 200, issued.text
        token = {"Authorization": f"Bearer {issued.json()['access_token']}"}
        hook = await http.post(
            f"{gateway}/partner/v1/webhook-endpoints",
            json={"url": police_server.url("/ok"), "event_types": ["case.closed"]},
            headers={**token, "Idempotency-Key": f"hook-{uuid.uuid4()}"},
        )
        assert hook.status_code == 201, hook.text
        read = await http.get(f"{gateway}/partner/v1/cases/{case['id']}", headers=token)
        assert read.status_code == 200, read.text
        assert read.json()["reference"] == case["reference"]
        assert "Robin" not in read.text  # no complainant under this agreement

        posted = await http.post(
            f"{gateway}/partner/v1/cases/{case['id']}/updates",
            json={
                "kind": "action",
                "action": "joint_visit_done",
                "text": "Joint visit with the housing officer; occupier warned.",
                "occurred_at": datetime.now(UTC).isoformat(),
                "posted_by": "PS 42 Shah",
            },
            headers={**token, "Idempotency-Key": f"update-{uuid.uuid4()}"},
        )
        assert posted.status_code == 201, posted.text

        async def on_timeline() -> list[dict[str, Any]]:
            entries = await _timeline(http, system, test_env, case["id"])
            return [e for e in entries if e["kind"] == "partner_action"]

        [action] = await eventually(on_timeline, timeout=30)
        assert action["actor"] == "Greater Manchester Police"
        assert "joint visit done" in action["summary"]

        url = f"{casework}/v1/cases/{case['id']}"
        contact = await http.post(
            f"{url}/contacts",
            json={
                "with_whom": "complainant",
                "method": "phone",
                "contacted_at": datetime.now(UTC).isoformat(),
                "summary": "Agreed the joint visit has stopped it",
            },
            headers=officer,
        )
        assert contact.status_code == 201, contact.text
        closed = await http.post(
            f"{url}/closure",
            json={
                "outcome": "resolved",
                "reason": "No parties since the joint visit",
                "discussed_with_complainant_at": datetime.now(UTC).isoformat(),
            },
            headers=officer,
        )
        assert closed.status_code == 201, closed.text

        async def heard() -> list[Any]:
            return list(police_server.at("/ok"))

        [message] = await eventually(heard, timeout=30)
    payload = Webhook(hook.json()["secret"]).verify(message.body, message.headers)
    assert payload["type"] == "case.closed"
    assert payload["data"]["reference"] == case["reference"]
