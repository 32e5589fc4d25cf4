"""The journey through the real bus: casework refers a case's subject; a PEO accepts, records
consent, assesses, plans, records compliance, generates the report and records the outcome.
What casework hears is status and outcome, and nothing confidential."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from asb_shared.contracts.casework import EngagementReferralRequested
from asb_shared.db import utcnow
from asb_shared.messaging import Envelope
from asb_shared.testing import TestEnvironment, captured_events, eventually, publish_event
from pypdf import PdfReader

Headers = Callable[..., dict[str, str]]

CONFIDENTIAL = [
    "Robin Subject",  # the client's name
    "Shouting at neighbours when drunk",  # the referral's reason
    "Drinks from the morning",  # an assessment note
    "Cut down drinking",  # a goal
    "Attend the alcohol service",  # an action
    "Missed the session",  # a compliance note
    "Grant the injunction",  # the recommendation
    "in_person",  # how consent was given
    "alcohol",  # any need at all
]


async def test_referral_to_outcome_tells_casework_status_and_outcome_only(
    api: httpx.AsyncClient, test_env: TestEnvironment, as_: Headers
) -> None:
    org = uuid.uuid4()
    peo = as_("peo", org=org, subject="peo-jo")
    today = utcnow().date()
    case_id = uuid.uuid4()
    async with captured_events(
        test_env,
        "engagement.referral.decided",
        "engagement.client.engagement_changed",
        "engagement.outcome.recorded",
    ) as seen:
        referral = EngagementReferralRequested(
            referral_id=uuid.uuid4(),
            case_id=case_id,
            case_reference="CASE-2026-000777",
            subject_name="Robin Subject",
            reason="Shouting at neighbours when drunk, most nights.",
            requested_by="officer-3",
        )
        await publish_event(test_env, referral, organisation_id=org, producer="casework")

        async def referred() -> Any:
            answer = await api.get(f"/v1/referrals/{referral.referral_id}", headers=peo)
            return answer.json() if answer.status_code == 200 else None

        await eventually(referred)
        accepted = await api.post(
            f"/v1/referrals/{referral.referral_id}/decision",
            headers=peo,
            json={"decision": "accepted", "criteria": ["alcohol_use", "risk_to_tenancy"]},
        )
        assert accepted.status_code == 200, accepted.text
        client_id = accepted.json()["client_id"]
        base = f"/v1/clients/{client_id}"
        steps = [
            ("post", "/consent", {"given_by": "Robin Subject", "method": "in_person"}),
            ("put", "/contact-level", {"level": "Twice a week", "every_days": 4}),
            (
                "post",
                "/assessments",
                {
                    "answers": {"alcohol": {"use": "daily", "impact": "serious"}},
                    "notes": {"alcohol": "Drinks from the morning."},
                },
            ),
            (
                "post",
                "/plan",
                {
                    "goals": [
                        {
                            "title": "Cut down drinking",
                            "actions": [
                                {
                                    "description": "Attend the alcohol service",
                                    "owner": "Robin",
                                    "due_on": (today + timedelta(days=7)).isoformat(),
                                }
                            ],
                        }
                    ],
                    "review_every_days": 28,
                    "next_review_on": (today + timedelta(days=28)).isoformat(),
                },
            ),
            (
                "post",
                "/orders",
                {
                    "kind": "civil_injunction",
                    "court": "Stockport County Court",
                    "made_on": today.isoformat(),
                    "requirements": [{"kind": "alcohol_service", "description": "Attend weekly"}],
                },
            ),
        ]
        answers: dict[str, Any] = {}
        for method, path, body in steps:
            answer = await api.request(method.upper(), base + path, headers=peo, json=body)
            assert answer.status_code in (200, 201), (path, answer.text)
            answers[path] = answer.json()
        requirement = answers["/orders"]["requirements"][0]["id"]
        complied = await api.post(
            f"{base}/requirements/{requirement}/compliance",
            headers=peo,
            json={"on": today.isoformat(), "status": "not_complied", "note": "Missed the session."},
        )
        assert complied.status_code == 201
        report = await api.post(
            f"{base}/reports",
            headers=peo,
            json={"recommendation": "Grant the injunction with the positive requirement."},
        )
        assert report.status_code == 201, report.text
        pdf = await api.get(f"{base}/reports/{report.json()['id']}/pdf", headers=peo)
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        for expected in (
            "Robin Subject",
            "CASE-2026-000777",
            "Cut down drinking",
            "Attend weekly",
            "Grant the injunction",
        ):
            assert expected in text, expected
        outcome = await api.post(
            f"{base}/outcome",
            headers=peo,
            json={
                "outcome": "tenancy_sustained",
                "recorded_on": today.isoformat(),
                "legal_action_avoided": True,
                "note": "Robin Subject is doing well.",
            },
        )
        assert outcome.status_code == 201

        async def all_three() -> list[Envelope]:
            mine = [e for e in seen if e.organisation_id == org]
            return (
                mine
                if {e.type for e in mine}
                >= {
                    "engagement.referral.decided",
                    "engagement.client.engagement_changed",
                    "engagement.outcome.recorded",
                }
                else []
            )

        events = await eventually(all_three, timeout=20)

    # The case officer may see where the client stands, and nothing more.
    officer = as_("officer", org=org)
    status = (await api.get(f"{base}/status", headers=officer)).json()
    assert (status["status"], status["outcome"]) == ("closed", "tenancy_sustained")
    pdf_url = f"{base}/reports/{report.json()['id']}/pdf"
    assert (await api.get(pdf_url, headers=officer)).status_code == 403

    by_type = {e.type: e for e in events}
    decided = by_type["engagement.referral.decided"]
    assert decided.data["case_id"] == str(case_id)
    assert decided.data["decision"] == "accepted" and decided.data["within_standard"] is True
    changed = by_type["engagement.client.engagement_changed"]
    assert changed.data["case_ids"] == [str(case_id)]
    assert changed.data["status"] == "engaged" and changed.data["change"] == "consent_given"
    recorded = by_type["engagement.outcome.recorded"]
    assert recorded.data["outcome"] == "tenancy_sustained"
    assert recorded.data["legal_action_avoided"] is True
    assert recorded.data["case_ids"] == [str(case_id)]
    for event in events:
        raw = event.model_dump_json()
        for secret in CONFIDENTIAL:
            assert secret.lower() not in raw.lower(), (event.type, secret)
