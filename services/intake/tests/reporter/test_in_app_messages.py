"""The in-app channel: notifications' messages reach the reporter's own status view, through
the real bus."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from asb_shared.contracts.notifications import InAppMessagePosted
from asb_shared.testing import TestEnvironment, count_rows, eventually, publish_event
from intake_samples import ORG, report


def _message(reference: str, subject: str, body: str) -> InAppMessagePosted:
    return InAppMessagePosted(
        message_id=uuid.uuid4(),
        report_reference=reference,
        subject=subject,
        body=body,
        posted_at=datetime.now(UTC),
    )


async def test_a_message_posted_in_app_shows_in_the_reporters_view_once(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    made = (await client.post("/v1/reports", json=report())).json()
    token = {"X-Tracking-Token": made["tracking_token"]}
    message = _message(
        made["reference"], "Your officer", "PC Example is your officer and will call on Monday."
    )
    envelope = await publish_event(test_env, message, organisation_id=ORG)
    # The same event delivered again (a redelivery) and once more as a new envelope.
    await publish_event(test_env, message, organisation_id=ORG, envelope=envelope)
    await publish_event(test_env, message, organisation_id=ORG)

    async def shown() -> list[dict[str, Any]]:
        view = (await client.get(f"/v1/reports/{made['reference']}", headers=token)).json()
        return list(view["messages"])

    [seen] = await eventually(shown)
    assert seen["subject"] == "Your officer"
    assert seen["body"].startswith("PC Example is your officer")
    later = _message(made["reference"], "Update", "We have written to your neighbour.")
    await publish_event(test_env, later, organisation_id=ORG)

    async def both() -> list[dict[str, Any]] | None:
        messages = await shown()
        return messages if len(messages) == 2 else None

    assert [m["subject"] for m in await eventually(both)] == ["Your officer", "Update"]


async def test_a_message_for_an_anonymous_report_or_another_landlord_is_not_kept(
    client: httpx.AsyncClient, test_env: TestEnvironment
) -> None:
    anonymous = (
        await client.post("/v1/reports", json=report(anonymous=True, reporter=None))
    ).json()
    theirs = (await client.post("/v1/reports", json=report())).json()
    sent = [
        await publish_event(
            test_env,
            _message(anonymous["reference"], "Hello", "Anyone there?"),
            organisation_id=ORG,
        ),
        await publish_event(
            test_env,
            _message(theirs["reference"], "Wrong landlord", "Not for you."),
            organisation_id=uuid.uuid4(),
        ),
        await publish_event(
            test_env,
            _message(theirs["reference"], "Right landlord", "For you."),
            organisation_id=ORG,
        ),
    ]
    url = test_env.database_url("intake")

    async def all_handled() -> bool:
        ids = ", ".join(f"'{e.id}'" for e in sent)
        return await count_rows(url, "inbox", f"event_id IN ({ids})") == len(sent)

    await eventually(all_handled)
    assert await count_rows(url, "in_app_messages", f"report_id = '{anonymous['id']}'") == 0
    view = (
        await client.get(
            f"/v1/reports/{theirs['reference']}",
            headers={"X-Tracking-Token": theirs["tracking_token"]},
        )
    ).json()
    assert [m["subject"] for m in view["messages"]] == ["Right landlord"]
