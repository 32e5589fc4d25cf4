"""Sample requests shared by intake's tests."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from typing import Any

from asb_shared.testing import TestEnvironment, count_rows

ORG = uuid.UUID("00000000-0000-7000-8000-00000000a001")


def report(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation_id": str(ORG),
        "categories": ["noise", "verbal_abuse"],
        "description": "Shouting and loud music from the flat above every night after midnight.",
        "location": {"address": "Flat 3, 10 Example Road, Stockport", "postcode": "sk1 3xe"},
        "occurred_at": "2026-11-20T23:30:00Z",
        "reporter": {
            "name": "Alex Resident",
            "email": "alex@example.org",
            "preferred_channel": "email",
        },
    }
    body.update(changes)
    return body


def reports_where(test_env: TestEnvironment, where: str) -> Awaitable[int]:
    """How many reports match an SQL condition."""
    return count_rows(test_env.database_url("intake"), "reports", where)
