"""Casework's warning markers on a shared case reach a partner only under an agreement naming
them, and never with a reason (casework never sends one)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from asb_shared.contracts.casework import SharedWarningMarker, WarningMarkersChanged
from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import eventually, publish_event
from gateway_samples import Gateway


async def test_a_marker_is_shown_only_to_a_partner_whose_agreement_names_it(
    gateway: Gateway, org: uuid.UUID
) -> None:
    case_id = await gateway.open_case(org, [AsbCategory.NOISE])
    readers = {}
    for name, fields in (
        ("Housing repairs contractor", ["reference", "warning_markers"]),
        ("Police", ["reference", "status"]),
    ):
        partner = await gateway.partner(org, name=name, kind="other")
        agreement = await gateway.agreement(
            org, partner["id"], categories=["noise"], fields=fields, scopes=["cases:read"]
        )
        shared = await gateway.share(org, case_id, partner["id"], agreement["id"])
        assert shared.status_code == 201, shared.text
        readers[name] = await gateway.token(await gateway.credentials(org, partner["id"]))
    now = datetime.now(UTC)
    marker = SharedWarningMarker(
        about="address", label="Visit in pairs", review_on=date(2027, 6, 1)
    )
    for as_of, markers in ((now, [marker]), (now - timedelta(minutes=5), [])):
        # The second, older list arrives late: the newer one stands.
        await publish_event(
            gateway.env,
            WarningMarkersChanged(
                case_id=case_id, case_reference="CASE-X", markers=markers, as_of=as_of
            ),
            organisation_id=org,
        )

    async def seen_by_contractor() -> list[dict[str, object]] | None:
        answer = await gateway.api.get(
            f"/partner/v1/cases/{case_id}", headers=readers["Housing repairs contractor"]
        )
        found = answer.json().get("warning_markers")
        return found or None

    assert await eventually(seen_by_contractor) == [
        {"about": "address", "label": "Visit in pairs", "review_on": "2027-06-01"}
    ]
    police = await gateway.api.get(f"/partner/v1/cases/{case_id}", headers=readers["Police"])
    assert police.status_code == 200
    assert "warning_markers" not in police.json()
    assert "Visit in pairs" not in police.text
