"""Consent, contact level, disengagement and re-engagement: dated, and the case told."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from asb_shared.db import utcnow
from asb_shared.testing import TestEnvironment, captured_events, eventually

Headers = Callable[..., dict[str, str]]


async def test_consent_engagement_changes_are_dated_and_each_tells_the_case(
    api: httpx.AsyncClient,
    test_env: TestEnvironment,
    as_: Headers,
    org: uuid.UUID,
    new_client: Any,
) -> None:
    peo = as_("peo", org=org)
    async with captured_events(test_env, "engagement.client.engagement_changed") as seen:
        client = await new_client(org, consent=False)
        url = f"/v1/clients/{client['id']}"
        given = await api.post(
            f"{url}/consent",
            headers=peo,
            json={"given_by": "Jo Client", "method": "written", "note": "Signed the form."},
        )
        assert given.status_code == 201
        assert given.json()["recorded_by"] == "peo-1"
        level = await api.put(
            f"{url}/contact-level",
            headers=peo,
            json={"level": "Weekly home visit", "every_days": 7},
        )
        assert level.json()["contact_every_days"] == 7
        yesterday = (utcnow().date() - timedelta(days=1)).isoformat()
        off = await api.post(
            f"{url}/engagement",
            headers=peo,
            json={"change": "disengaged", "effective_on": yesterday, "reason": "Missed 3 visits."},
        )
        assert off.status_code == 201
        twice = await api.post(
            f"{url}/engagement",
            headers=peo,
            json={"change": "disengaged", "effective_on": yesterday},
        )
        assert twice.status_code == 409
        assert twice.json()["error"]["changes_allowed"] == ["consent_withdrawn", "re_engaged"]
        back = await api.post(
            f"{url}/engagement",
            headers=peo,
            json={"change": "re_engaged", "effective_on": utcnow().date().isoformat()},
        )
        assert back.status_code == 201
        withdrawn = await api.post(
            f"{url}/consent/withdrawal",
            headers=peo,
            json={"given_by": "Jo Client", "method": "phone"},
        )
        assert withdrawn.status_code == 201

        record = (await api.get(url, headers=peo)).json()
        assert [c["change"] for c in record["engagement"]] == [
            "consent_given",
            "disengaged",
            "re_engaged",
            "consent_withdrawn",
        ]
        assert record["engagement"][1]["effective_on"] == yesterday
        assert [c["given"] for c in record["consents"]] == [True, False]
        assert record["client"]["status"] == "consent_withdrawn"

        async def four() -> list[Any]:
            mine = [e for e in seen if e.organisation_id == org]
            return mine if len(mine) == 4 else []

        events = await eventually(four)
    assert [e.data["change"] for e in events] == [
        "consent_given",
        "disengaged",
        "re_engaged",
        "consent_withdrawn",
    ]
    assert [e.data["version"] for e in events] == sorted(e.data["version"] for e in events)
    for e in events:  # status only: never the reason, the method or who consented
        assert "Missed" not in e.model_dump_json() and "Jo Client" not in e.model_dump_json()


async def test_a_future_disengagement_date_is_refused(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    client = await new_client(org)
    tomorrow = (utcnow().date() + timedelta(days=1)).isoformat()
    answer = await api.post(
        f"/v1/clients/{client['id']}/engagement",
        headers=as_("peo", org=org),
        json={"change": "disengaged", "effective_on": tomorrow},
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["details"][0]["field"] == "effective_on"


async def test_consent_without_a_time_zone_or_in_the_future_is_refused(
    api: httpx.AsyncClient, as_: Headers, org: uuid.UUID, new_client: Any
) -> None:
    client = await new_client(org, consent=False)
    url = f"/v1/clients/{client['id']}/consent"
    peo = as_("peo", org=org)
    naive = await api.post(
        url, headers=peo, json={"given_by": "Jo", "method": "phone", "at": "2026-01-05T10:00:00"}
    )
    assert naive.status_code == 422
    assert naive.json()["error"]["details"][0]["field"] == "at"
    later = (utcnow() + timedelta(days=1)).isoformat()
    future = await api.post(
        url, headers=peo, json={"given_by": "Jo", "method": "phone", "at": later}
    )
    assert future.status_code == 422
    record = (await api.get(f"/v1/clients/{client['id']}", headers=peo)).json()
    assert record["consents"] == [] and record["client"]["status"] == "awaiting_consent"
