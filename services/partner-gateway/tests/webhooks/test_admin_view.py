"""The landlord's administrator sees a partner's webhook endpoints and their deliveries, never
their signing secrets, and nothing of another landlord's partners; a partner system cannot use
the administrators' routes."""

from __future__ import annotations

import uuid

from asb_shared.contracts.common import AsbCategory
from asb_shared.testing import eventually
from gateway_samples import Gateway, complainant, receiver


async def test_an_admin_sees_a_partners_endpoints_and_deliveries(
    gateway: Gateway, org: uuid.UUID
) -> None:
    partner = await gateway.partner(org)
    agreement = await gateway.agreement(org, partner["id"], categories=["noise"])
    headers = await gateway.token(await gateway.credentials(org, partner["id"]))
    case_id = await gateway.open_case(org, [AsbCategory.NOISE], complainant=complainant())
    await gateway.projected(org, case_id)
    async with receiver() as partner_server:
        registered = await gateway.api.post(
            "/partner/v1/webhook-endpoints",
            json={"url": partner_server.url("/ok"), "event_types": ["case.shared"]},
            headers={**headers, "Idempotency-Key": f"admin-view-{org}"},
        )
        assert registered.status_code == 201, registered.text
        endpoint = registered.json()
        shared = await gateway.share(org, case_id, partner["id"], agreement["id"])
        assert shared.status_code == 201, shared.text
        path = f"/v1/partners/{partner['id']}/webhook-endpoints"

        async def delivered() -> list[dict[str, object]] | None:
            answer = await gateway.api.get(
                f"{path}/{endpoint['id']}/deliveries", headers=gateway.staff(org)
            )
            assert answer.status_code == 200, answer.text
            found: list[dict[str, object]] = answer.json()
            return found if any(d["status"] == "succeeded" for d in found) else None

        assert (await eventually(delivered))[0]["event_type"] == "case.shared"

    listed = await gateway.api.get(path, headers=gateway.staff(org))
    assert listed.status_code == 200
    assert [e["url"] for e in listed.json()] == [endpoint["url"]]
    assert endpoint["secret"] not in listed.text and 'secret"' not in listed.text

    other = uuid.uuid4()
    assert (await gateway.api.get(path, headers=gateway.staff(other))).status_code == 404
    officer = await gateway.api.get(path, headers=gateway.staff(org, "officer"))
    assert officer.status_code == 403
    assert (await gateway.api.get(path, headers=headers)).status_code in (401, 403)
    unknown = await gateway.api.get(f"{path}/{uuid.uuid4()}/deliveries", headers=gateway.staff(org))
    assert unknown.status_code == 404
