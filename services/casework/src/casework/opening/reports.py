"""The report a case keeps, as received; one kept before version 2 read as version 2."""

from __future__ import annotations

from typing import Any

from asb_shared.contracts.common import Contact
from asb_shared.contracts.intake import ReportReceivedV2

from ..contacts.complainant import reporter_of_v1

_STORED_VERSION = "event_version"


def stored_payload(event: ReportReceivedV2) -> dict[str, Any]:
    return event.model_dump(mode="json") | {_STORED_VERSION: event.event_version}


def stored_report(payload: dict[str, Any]) -> ReportReceivedV2:
    """The report a case keeps, as received. One kept before version 2 has its reporter as
    version 1 described them (contact wishes as free text): their wishes are unknown, so the
    most careful; their free text is kept for the officer only."""
    if payload.get(_STORED_VERSION) == ReportReceivedV2.event_version:
        return ReportReceivedV2.model_validate(payload)
    kept = {k: v for k, v in payload.items() if k != "reporter"}
    contact = Contact.model_validate(payload["reporter"]) if payload.get("reporter") else None
    return ReportReceivedV2.model_validate(kept | {"reporter": reporter_of_v1(contact)})
