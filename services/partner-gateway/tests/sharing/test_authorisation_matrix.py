"""The authorisation matrix: for each partner, agreement state, case category and field, what
the partner reads is exactly what its agreement allows, and every access, allowed or refused,
is in the audit log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from asb_shared.contracts.casework import EngagementReferralRequested
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import eventually, publish_event
from gateway_samples import ALL_FIELDS, Gateway, complainant

MINIMAL = ["reference", "status", "categories"]


@dataclass
class Setup:
    name: str
    state: str  # active / expired / withdrawn / none
    categories: list[str]
    fields: list[str]
    partner: dict[str, Any] | None = None
    agreement: dict[str, Any] | None = None
    headers: dict[str, str] | None = None


def expected(case: dict[str, Any], setup: Setup) -> dict[str, Any] | None:
    """What the policy says this partner reads of this case (None: nothing at all)."""
    if setup.state != "active":
        return None
    cats = set(case["categories"])
    if not cats & set(setup.categories) or (
        "domestic_abuse" in cats and "domestic_abuse" not in setup.categories
    ):
        return None
    people = case["complainants"]
    full = {
        "case_id": case["id"],
        "reference": case["reference"],
        "status": "open",
        "categories": sorted(cats & set(setup.categories)),
        "opened_at": "2026-11-20T09:30:00+00:00",
        "officer": None,
        "reports": [case["report"]],
        "outcome": None,
        "priority_route": case["route"]
        if case["route"] != "safeguarding" or "safeguarding" in setup.fields
        else None,
        "complainant_name": [p.name for p in people],
        "complainant_contact": [
            {"email": p.email, "phone": p.phone, "address": p.address}
            for p in people
            if not p.preferences.only_through_officer
        ],
        "safeguarding": [],
        "engagement": case["engagement"],
        "warning_markers": [],  # casework announced none on these cases
    }
    return {k: v for k, v in full.items() if k == "case_id" or k in setup.fields}


async def test_what_each_partner_reads_is_exactly_what_its_agreement_allows(
    gateway: Gateway, org: uuid.UUID
) -> None:
    setups = [
        Setup(
            "police, full",
            "active",
            ["noise", "drugs", "domestic_abuse", "verbal_abuse"],
            ALL_FIELDS,
        ),
        Setup("council, minimal", "active", ["noise", "drugs"], MINIMAL),
        Setup(
            "police, no sensitive",
            "active",
            ["noise", "drugs", "verbal_abuse"],
            [
                f
                for f in ALL_FIELDS
                if f not in ("safeguarding", "engagement", "complainant_contact")
            ],
        ),
        Setup(
            "probation, expired",
            "expired",
            ["noise", "drugs", "domestic_abuse", "verbal_abuse"],
            ALL_FIELDS,
        ),
        Setup(
            "youth offending, withdrawn",
            "withdrawn",
            ["noise", "drugs", "domestic_abuse", "verbal_abuse"],
            ALL_FIELDS,
        ),
        Setup("environmental health, none", "none", ["graffiti"], ALL_FIELDS),
    ]
    for s in setups:
        s.partner = await gateway.partner(org, name=s.name, kind="other")
        s.agreement = await gateway.agreement(
            org, s.partner["id"], categories=s.categories, fields=s.fields
        )
        s.headers = await gateway.token(await gateway.credentials(org, s.partner["id"]))

    cases: list[dict[str, Any]] = []
    for cats, route, person in [
        ([AsbCategory.NOISE], None, complainant()),
        (
            [AsbCategory.DOMESTIC_ABUSE, AsbCategory.VERBAL_ABUSE],
            "domestic_abuse",
            complainant(only_through_officer=True),
        ),
        ([AsbCategory.DRUGS, AsbCategory.CUCKOOING], "safeguarding", None),
    ]:
        case_id = await gateway.open_case(org, cats, route=route, complainant=person)
        projected = await gateway.projected(org, case_id)
        cases.append(
            {
                "id": str(case_id),
                "reference": projected["case_reference"],
                "categories": [c.value for c in cats],
                "route": route,
                "complainants": [person] if person else [],
                "report": f"ASB-2026-{str(case_id.int)[:6]}",
                "engagement": [],
            }
        )
    # The drugs case has a Positive Engagement referral: confidential unless explicitly shared.
    drugs = cases[2]
    referral = EngagementReferralRequested(
        referral_id=uuid.uuid4(),
        case_id=uuid.UUID(drugs["id"]),
        case_reference=drugs["reference"],
        subject_name="Alex Subject",
        reason="Drug use behind the nuisance",
        requested_by="Pat Officer",
    )
    await publish_event(gateway.env, referral, organisation_id=org)
    drugs["engagement"] = [
        {
            "referral_id": str(referral.referral_id),
            "subject_name": "Alex Subject",
            "reason": "Drug use behind the nuisance",
            "requested_by": "Pat Officer",
        }
    ]

    async def referral_projected() -> bool:
        partner = setups[0]
        answer = await gateway.api.get(f"/partner/v1/cases/{drugs['id']}", headers=partner.headers)
        return answer.status_code == 200 and bool(answer.json().get("engagement"))

    # Share every case with every partner whose agreement covers it (the rest are refused).
    for s in setups:
        assert s.partner and s.agreement
        for case in cases:
            answer = await gateway.share(
                org, uuid.UUID(case["id"]), s.partner["id"], s.agreement["id"]
            )
            cats = set(case["categories"])
            covered = bool(cats & set(s.categories)) and (
                "domestic_abuse" not in cats or "domestic_abuse" in s.categories
            )
            assert answer.status_code == (201 if covered else 422), (
                s.name,
                case["categories"],
                answer.text,
            )
    await eventually(referral_projected)

    # Then the agreements change state; the tokens the partners already hold stay in hand.
    for s in setups:
        assert s.agreement
        if s.state == "expired":
            await gateway.expire(org, s.agreement["id"])
        elif s.state == "withdrawn":
            await gateway.withdraw(org, s.agreement["id"])

    for s in setups:
        assert s.partner
        for case in cases:
            answer = await gateway.api.get(f"/partner/v1/cases/{case['id']}", headers=s.headers)
            want = expected(case, s)
            entries = await gateway.audit(org, partner_id=s.partner["id"], case_id=case["id"])
            latest = entries[0]
            if want is None:
                # Refused: 403 once no agreement in force gives the scope, 404 when the case is
                # not shared under one; the partner learns nothing of the case either way.
                assert answer.status_code == (404 if s.state in ("active", "none") else 403), (
                    s.name,
                    case["categories"],
                    answer.text,
                )
                assert case["reference"] not in answer.text
                assert (
                    latest["outcome"] == "refused" and latest["status_code"] == answer.status_code
                )
            else:
                assert answer.status_code == 200, (s.name, answer.text)
                body = answer.json()
                withheld = body.pop("withheld")
                assert body == want, (s.name, case["categories"])
                assert set(withheld) == set(ALL_FIELDS) - set(s.fields)
                assert latest["outcome"] == "allowed"
                assert latest["agreement_id"] == s.agreement["id"]  # type: ignore[index]
                assert set(latest["fields"]) == set(want) - {"case_id"}
            assert latest["resource"] == "GET /partner/v1/cases/{case_id}"

        listed = await gateway.api.get("/partner/v1/cases", headers=s.headers)
        readable = {c["id"] for c in cases if expected(c, s) is not None}
        if s.state in ("expired", "withdrawn"):
            assert listed.status_code == 403
        else:
            assert {i["case_id"] for i in listed.json()["items"]} == readable


async def test_another_landlords_case_is_never_served(gateway: Gateway, org: uuid.UUID) -> None:
    other = uuid.uuid4()
    theirs = await gateway.open_case(other, [AsbCategory.NOISE], complainant=complainant())
    partner = await gateway.partner(org)
    agreement = await gateway.agreement(org, partner["id"], categories=["noise"])
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    # The officer of this landlord cannot share the other's case...
    assert (await gateway.share(org, theirs, partner["id"], agreement["id"])).status_code == 404
    # ...and the partner cannot read it by its id.
    answer = await gateway.api.get(f"/partner/v1/cases/{theirs}", headers=headers)
    assert answer.status_code == 404
    assert (await gateway.audit(org, case_id=str(theirs)))[0]["outcome"] == "refused"
    # The other landlord's audit log shows none of this landlord's partner's calls.
    assert await gateway.audit(other, partner_id=partner["id"]) == []
