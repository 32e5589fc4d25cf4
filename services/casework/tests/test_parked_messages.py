"""An event that can never be handled is parked; the operator command lists and replays it."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from asb_shared.messaging import Outbox
from asb_shared.service import main as service_main
from asb_shared.testing import TestEnvironment, eventually, publish_event
from casework.main import definition
from casework_samples import (
    ORG,
    cases_for,
    received,
)


async def test_the_operator_command_lists_and_replays_parked_messages(
    client: httpx.AsyncClient,
    test_env: TestEnvironment,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An envelope whose data breaks the contract cannot be helped by retrying: parked at once.
    bad = Outbox("intake").envelope(received("ASB-2026-100004"), organisation_id=ORG)
    broken = bad.model_copy(update={"data": {**bad.data, "categories": ["not_a_category"]}})
    await publish_event(test_env, received("ASB-2026-100004"), organisation_id=ORG, envelope=broken)

    for key, value in test_env.environ(definition).items():
        monkeypatch.setenv(key, value)

    async def parked_count() -> int:
        await asyncio.to_thread(service_main, definition, ["parked", "list"])
        out = capsys.readouterr().out
        return len([line for line in out.splitlines() if '"message_id"' in line])

    await eventually(parked_count)
    await asyncio.to_thread(service_main, definition, ["parked", "list"])
    listed = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if '"message_id"' in line
    ]
    [message] = [m for m in listed if m["message_id"] == str(broken.id)]
    assert "does not fit ReportReceivedV2" in message["error"]

    await asyncio.to_thread(service_main, definition, ["parked", "replay", "--id", str(broken.id)])
    assert "1 message(s) replayed" in capsys.readouterr().out
    # Replayed, it fails validation again and is parked again: nothing is lost either way.
    await eventually(parked_count)
    assert await cases_for(test_env, "ASB-2026-100004") == 0
