"""Positive requirements of court orders and the client's compliance over time."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from asb_shared.db import utcnow
from engagement.requirements.compliance import summarise

Headers = Callable[..., dict[str, str]]


def test_compliance_is_summarised_with_the_latest_record() -> None:
    summary = summarise(["complied", "not_complied", "complied", "partly_complied"])
    assert summary.records == 4 and summary.complied == 2
    assert summary.rate == 0.5 and summary.latest == "partly_complied"
    assert summarise([]).rate is None


async def test_an_orders_requirements_are_tracked_over_time(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    peo = as_("peo", org=org)
    client = await new_client(org)
    made_on = utcnow().date() - timedelta(days=10)
    order = await api.post(
        f"/v1/clients/{client['id']}/orders",
        headers=peo,
        json={
            "kind": "civil_injunction",
            "court": "Stockport County Court",
            "made_on": made_on.isoformat(),
            "requirements": [
                {"kind": "drug_service", "description": "Attend the drug service weekly"},
                {"kind": "mental_health_appointments", "description": "Keep CMHT appointments"},
            ],
        },
    )
    assert order.status_code == 201, order.text
    requirement = order.json()["requirements"][0]["id"]
    url = f"/v1/clients/{client['id']}/requirements/{requirement}/compliance"
    for days_ago, status in ((7, "complied"), (0, "not_complied")):
        on = (utcnow().date() - timedelta(days=days_ago)).isoformat()
        recorded = await api.post(url, headers=peo, json={"on": on, "status": status})
        assert recorded.status_code == 201
    before_order = await api.post(
        url,
        headers=peo,
        json={"on": (made_on - timedelta(days=1)).isoformat(), "status": "complied"},
    )
    assert before_order.status_code == 422
    orders = (await api.get(f"/v1/clients/{client['id']}/orders", headers=peo)).json()
    first = orders[0]["requirements"][0]
    assert [c["status"] for c in first["compliance"]] == ["complied", "not_complied"]
    assert first["compliance_rate"] == 0.5 and first["latest"] == "not_complied"
    unknown = await api.post(
        f"/v1/clients/{client['id']}/requirements/{uuid.uuid4()}/compliance",
        headers=peo,
        json={"on": utcnow().date().isoformat(), "status": "complied"},
    )
    assert unknown.status_code == 404
