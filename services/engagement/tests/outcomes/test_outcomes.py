"""Outcomes close the client's record, are told to the case, and feed the measures."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from asb_shared.db import utcnow

Headers = Callable[..., dict[str, str]]


async def test_outcomes_feed_the_measures_as_json_and_csv(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    peo = as_("peo", org=org)
    leader = as_("team_leader", org=org)
    await api.put("/v1/legal-cost-estimate", headers=leader, json={"cost_per_action": "3000.00"})
    today = utcnow().date().isoformat()
    for outcome, avoided in (
        ("legal_action_avoided", False),
        ("behaviour_stopped", True),
        ("escalated", False),
    ):
        client = await new_client(org, name=f"Client {outcome}")
        made = await api.post(
            f"/v1/clients/{client['id']}/outcome",
            headers=peo,
            json={"outcome": outcome, "recorded_on": today, "legal_action_avoided": avoided},
        )
        assert made.status_code == 201, made.text
        again = await api.post(
            f"/v1/clients/{client['id']}/outcome",
            headers=peo,
            json={"outcome": outcome, "recorded_on": today},
        )
        assert again.status_code == 409
    await new_client(org, name="Still supported")
    period = {"from": today, "to": today}
    figures = (await api.get("/v1/measures", params=period, headers=leader)).json()
    assert figures["clients_supported"] == 4
    assert figures["cases_resolved"] == 2
    assert figures["cases_avoided_legal_action"] == 2
    assert figures["legal_spend_avoided"] == "6000.00"
    as_csv = await api.get("/v1/measures", params={**period, "format": "csv"}, headers=leader)
    assert as_csv.headers["content-type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert row["cases_resolved"] == "2" and row["legal_spend_avoided"] == "6000.00"
    backwards = await api.get(
        "/v1/measures", params={"from": today, "to": "2000-01-01"}, headers=leader
    )
    assert backwards.status_code == 422
