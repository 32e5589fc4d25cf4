"""A partner's member of staff, signed in through the landlord's identity provider, acts for
their one partner: the same authorisation as a partner system's, the same redaction, the same
audit log, which names them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from asb_shared.contracts.common import AsbCategory
from gateway_samples import Gateway, complainant


def member_of_staff(
    gateway: Gateway,
    org: uuid.UUID,
    partner_id: str | None,
    subject: str = "pc-ada",
    role: str = "partner_staff",
) -> dict[str, str]:
    """A token from the identity provider, its partner in the partner claim (if any)."""
    token = gateway.env.token(
        role,
        organisation_id=org,
        subject=subject,
        name="PC Ada Lovelace",
        claims={"partner_id": partner_id} if partner_id else None,
    )
    return {"Authorization": f"Bearer {token}"}


async def test_a_member_of_staff_sees_their_partners_shares_redacted_and_no_other(
    gateway: Gateway, org: uuid.UUID
) -> None:
    police = await gateway.partner(org)
    council = await gateway.partner(org, "Stockport Council ASB team", "council_asb")
    agreement = await gateway.agreement(
        org, police["id"], categories=["noise"], fields=["reference", "status"]
    )
    other = await gateway.agreement(org, council["id"], categories=["noise"])
    ours = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    theirs = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    assert (await gateway.share(org, ours, police["id"], agreement["id"])).status_code == 201
    assert (await gateway.share(org, theirs, council["id"], other["id"])).status_code == 201
    ada = member_of_staff(gateway, org, police["id"])

    listed = await gateway.api.get("/partner/v1/cases", headers=ada)
    assert listed.status_code == 200, listed.text
    assert [c["case_id"] for c in listed.json()["items"]] == [str(ours)]
    read = await gateway.api.get(f"/partner/v1/cases/{ours}", headers=ada)
    assert read.status_code == 200
    # Redacted by the agreement: the reference and status, never the complainant.
    assert set(read.json()) == {"case_id", "reference", "status", "withheld"}
    assert "Sam Resident" not in read.text and "complainant_name" in read.json()["withheld"]
    # The council's share is not the police's to see (nor told apart from no case).
    assert (await gateway.api.get(f"/partner/v1/cases/{theirs}", headers=ada)).status_code == 404

    entries = await gateway.audit(org, partner_id=police["id"])
    reads = [e for e in entries if e["action"] == "read"]
    assert {e["client_id"] for e in reads} == {"user:pc-ada"}
    assert {(e["case_id"], e["outcome"]) for e in reads} == {
        (str(ours), "allowed"),
        (str(theirs), "refused"),
    }
    allowed = next(e for e in reads if e["outcome"] == "allowed" and e["fields"])
    assert set(allowed["fields"]) == {"reference", "status"}


async def test_a_token_naming_no_partner_or_no_partner_staff_is_refused_and_audited(
    gateway: Gateway, org: uuid.UUID
) -> None:
    police = await gateway.partner(org)
    await gateway.agreement(org, police["id"], categories=["noise"])
    no_claim = member_of_staff(gateway, org, None, subject="pc-nobody")
    officer = member_of_staff(gateway, org, police["id"], subject="o-1", role="officer")
    stranger = member_of_staff(gateway, org, str(uuid.uuid4()), subject="pc-stranger")
    another_landlords = member_of_staff(gateway, uuid.uuid4(), police["id"], subject="pc-else")
    for headers in (no_claim, officer, stranger, another_landlords):
        answer = await gateway.api.get("/partner/v1/cases", headers=headers)
        assert answer.status_code == 403, answer.text
    # A token the identity provider did not sign is no one's.
    forged = {"Authorization": "Bearer " + no_claim["Authorization"].split()[1][:-4] + "AAAA"}
    assert (await gateway.api.get("/partner/v1/cases", headers=forged)).status_code == 401

    refused = [e for e in await gateway.audit(org) if e["outcome"] == "refused"]
    assert {e["client_id"] for e in refused} >= {"user:pc-nobody", "user:o-1", "user:pc-stranger"}
    assert all(e["status_code"] == 403 for e in refused if e["client_id"] == "user:pc-nobody")


async def test_their_update_is_posted_as_them_and_the_withdrawal_ends_what_they_see(
    gateway: Gateway, org: uuid.UUID
) -> None:
    police = await gateway.partner(org)
    agreement = await gateway.agreement(org, police["id"], categories=["noise"])
    case_id = await gateway.open_case(org, [AsbCategory.NOISE])
    assert (await gateway.share(org, case_id, police["id"], agreement["id"])).status_code == 201
    ada = member_of_staff(gateway, org, police["id"])

    posted = await gateway.api.post(
        f"/partner/v1/cases/{case_id}/updates",
        json={
            "kind": "update",
            "text": "Spoke to the occupier; music off by eleven.",
            "occurred_at": datetime.now(UTC).isoformat(),
            "posted_by": "Someone Else",
        },
        headers={**ada, "Idempotency-Key": f"u-{uuid.uuid4()}"},
    )
    assert posted.status_code == 201, posted.text
    assert posted.json()["posted_by"] == "PC Ada Lovelace"
    [listed_update] = (
        await gateway.api.get(f"/partner/v1/cases/{case_id}/updates", headers=ada)
    ).json()
    assert listed_update["text"] == "Spoke to the occupier; music off by eleven."
    [write] = [
        e for e in await gateway.audit(org, partner_id=police["id"]) if e["action"] == "write"
    ]
    assert write["client_id"] == "user:pc-ada" and write["case_id"] == str(case_id)

    await gateway.withdraw(org, agreement["id"])
    listed = await gateway.api.get("/partner/v1/cases", headers=ada)
    assert listed.status_code == 403
    assert listed.json()["error"]["code"] == "agreement_not_in_force"
    # With another agreement in force, the case shared under the withdrawn one is gone.
    await gateway.agreement(org, police["id"], categories=["noise"])
    assert (await gateway.api.get("/partner/v1/cases", headers=ada)).json()["items"] == []
    assert (await gateway.api.get(f"/partner/v1/cases/{case_id}", headers=ada)).status_code == 404
