"""Sample events shared by notifications' tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from asb_shared.contracts import AsbCategory, CaseOpened, Contact, ContactChannel


def opened(reference: str, **changes: Any) -> CaseOpened:
    values: dict[str, Any] = {
        "case_id": uuid.uuid4(),
        "case_reference": "CASE-2026-000100",
        "version": 1,
        "status": "received",
        "categories": [AsbCategory.NOISE],
        "report_id": uuid.uuid4(),
        "report_reference": reference,
        "opened_at": datetime.now(UTC),
        "anonymous": False,
        "complainant": Contact(
            name="Priya",
            email=f"{reference.lower()}@example.org",
            preferred_channel=ContactChannel.EMAIL,
        ),
    }
    values.update(changes)
    return CaseOpened(**values)
