"""Referrals arrive from casework, partners and PEOs; a PEO accepts or declines them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
from asb_shared.contracts.casework import EngagementReferralRequested
from asb_shared.contracts.partner_gateway import PartnerEngagementReferral
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event

Headers = Callable[..., dict[str, str]]


async def test_a_case_referral_is_recorded_once_awaiting_a_decision_with_its_due_time(
    api: httpx.AsyncClient, test_env: TestEnvironment, as_: Headers, org: uuid.UUID
) -> None:
    event = EngagementReferralRequested(
        referral_id=uuid.uuid4(),
        case_id=uuid.uuid4(),
        case_reference="CASE-2026-000200",
        subject_name="R. Subject",
        reason="Repeated noise linked to alcohol; open to support.",
        requested_by="officer-7",
    )
    await publish_event(test_env, event, organisation_id=org)
    again = await publish_event(test_env, event, organisation_id=org)  # its producer sent it twice
    await eventually(
        lambda: count_rows(test_env.database_url("engagement"), "inbox", f"event_id = '{again.id}'")
    )
    [referral] = (await api.get("/v1/referrals", headers=as_("peo", org=org))).json()["items"]
    assert referral["id"] == str(event.referral_id)
    assert referral["status"] == "awaiting_decision"
    assert referral["source"] == "case"
    assert referral["decision_due_at"] > referral["received_at"]

    assert (await api.get("/v1/referrals", headers=as_("officer", org=org))).status_code == 403
    other = as_("peo", org=uuid.uuid4())
    assert (await api.get("/v1/referrals", headers=other)).json()["items"] == []
    assert (await api.get(f"/v1/referrals/{event.referral_id}", headers=other)).status_code == 404


async def test_a_partner_referral_keeps_the_criteria_it_names(
    api: httpx.AsyncClient, test_env: TestEnvironment, as_: Headers, org: uuid.UUID
) -> None:
    event = PartnerEngagementReferral(
        referral_id=uuid.uuid4(),
        partner_id=uuid.uuid4(),
        partner_name="Probation North",
        agreement_id=uuid.uuid4(),
        person_name="Sam Partner",
        reason="Struggling with drink since release.",
        criteria=["alcohol", "prolific", "gambling"],
    )
    envelope = await publish_event(test_env, event, organisation_id=org)
    await eventually(
        lambda: count_rows(
            test_env.database_url("engagement"), "inbox", f"event_id = '{envelope.id}'"
        )
    )
    referral = (
        await api.get(f"/v1/referrals/{event.referral_id}", headers=as_("peo", org=org))
    ).json()
    assert referral["source"] == "partner"
    assert referral["partner_name"] == "Probation North"
    assert referral["criteria"] == ["alcohol_use", "prolific_behaviour"]
    assert referral["unrecognised_criteria"] == ["gambling"]


async def test_a_decline_needs_a_reason_and_an_accept_needs_a_criterion(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID
) -> None:
    peo = as_("peo", org=org)
    referral = (
        await api.post(
            "/v1/referrals",
            headers=peo,
            json={"person_name": "No Criteria", "reason": "Asked for help.", "referred_by": "GP"},
        )
    ).json()
    url = f"/v1/referrals/{referral['id']}/decision"
    no_reason = await api.post(url, headers=peo, json={"decision": "declined"})
    assert no_reason.status_code == 422
    no_criterion = await api.post(url, headers=peo, json={"decision": "accepted"})
    assert no_criterion.status_code == 422
    assert no_criterion.json()["error"]["details"][0]["field"] == "criteria"
    declined = await api.post(
        url,
        headers=peo,
        json={"decision": "declined", "decline_reason": "criteria_not_met", "note": "No needs."},
    )
    assert declined.status_code == 200
    assert declined.json()["status"] == "declined"
    assert declined.json()["within_standard"] is True
    again = await api.post(
        url, headers=peo, json={"decision": "declined", "decline_reason": "other"}
    )
    assert again.status_code == 409


async def test_a_second_referral_from_the_same_case_joins_the_clients_record(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID
) -> None:
    peo = as_("peo", org=org)
    case_id = str(uuid.uuid4())
    ids = []
    for reason in ("First referral.", "Referred again after new reports."):
        referral = await api.post(
            "/v1/referrals",
            headers=peo,
            json={
                "person_name": "Alex Repeat",
                "reason": reason,
                "criteria": ["anger"],
                "referred_by": "Officer",
                "case_id": case_id,
            },
        )
        decided = await api.post(
            f"/v1/referrals/{referral.json()['id']}/decision",
            headers=peo,
            json={"decision": "accepted"},
        )
        ids.append(decided.json()["client_id"])
    assert ids[0] == ids[1]
    # A referral from another case names the same person: the PEO is shown the match and joins.
    third = (
        await api.post(
            "/v1/referrals",
            headers=peo,
            json={
                "person_name": "alex  repeat",
                "reason": "Partner concern.",
                "criteria": ["anger"],
                "referred_by": "Council",
            },
        )
    ).json()
    view = (await api.get(f"/v1/referrals/{third['id']}", headers=peo)).json()
    assert view["possible_clients"] == [ids[0]]
    joined = await api.post(
        f"/v1/referrals/{third['id']}/decision",
        headers=peo,
        json={"decision": "accepted", "client_id": ids[0]},
    )
    assert joined.json()["client_id"] == ids[0]
    clients = (await api.get("/v1/clients", headers=peo)).json()["items"]
    assert [c["id"] for c in clients] == [ids[0]]
    record = (await api.get(f"/v1/clients/{ids[0]}", headers=peo)).json()
    assert [c["case_id"] for c in record["cases"]] == [case_id]


async def test_a_partner_referral_with_oversized_or_nul_text_is_stored_not_parked(
    api: httpx.AsyncClient, test_env: TestEnvironment, as_: Headers, org: uuid.UUID
) -> None:
    event = PartnerEngagementReferral(
        referral_id=uuid.uuid4(),
        partner_id=uuid.uuid4(),
        partner_name="P" * 500,
        agreement_id=uuid.uuid4(),
        person_name="Nul\x00Name " + "x" * 400,
        reason="Reason\x00",
        case_reference="REF-" + "9" * 100,
    )
    await publish_event(test_env, event, organisation_id=org)

    async def stored() -> Any:
        answer = await api.get(f"/v1/referrals/{event.referral_id}", headers=as_("peo", org=org))
        return answer.json() if answer.status_code == 200 else None

    referral = await eventually(stored)
    assert len(referral["subject_name"]) == 200 and "\x00" not in referral["subject_name"]
    assert len(referral["case_reference"]) == 32
