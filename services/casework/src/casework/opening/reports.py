"""The report a case keeps: as received, and version 1 (in flight during a deploy) read as version 2."""

from __future__ import annotations

from typing import Any

from asb_shared.contracts.intake import ReportReceived, ReportReceivedV2

from ..contacts.complainant import reporter_of_v1


def report_v2(event: ReportReceived) -> ReportReceivedV2:
    """A version-1 report (in flight during a deploy) as version 2: the reporter's wishes are
    unknown, so the most careful; their free text is kept for the officer only."""
    values = event.model_dump(exclude={"reporter"})
    return ReportReceivedV2(**values, reporter=reporter_of_v1(event.reporter))


_STORED_VERSION = "event_version"


def stored_payload(event: ReportReceivedV2) -> dict[str, Any]:
    return event.model_dump(mode="json") | {_STORED_VERSION: event.event_version}


def stored_report(payload: dict[str, Any]) -> ReportReceivedV2:
    """The report a case keeps, as received (reports kept before version 2 read as version 1)."""
    if payload.get(_STORED_VERSION) == ReportReceivedV2.event_version:
        return ReportReceivedV2.model_validate(payload)
    return report_v2(ReportReceived.model_validate(payload))
