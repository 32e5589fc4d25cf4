"""Linking a report to an open case: the NM01 rule, "further reports while a case is open are
not new cases".

A new report joins the landlord's latest open case about the same address or any of the same
subjects that has had a report within the landlord's linking window (``link_window_days`` of its
policy); otherwise it opens a case. A report after the case is closed opens a new one, and so does
one about a case that has had no report within the window.

No I/O happens here: :func:`casework.opening.usecases.find_case_to_link` looks the case up with
these keys, under these locks, and the reason given here goes on the timeline and in
``casework.report.linked``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from asb_shared.contracts.common import Location, Person

from ..triage.matching import address_key, subject_keys


@dataclass(frozen=True)
class LinkKeys:
    """What a report can be linked by: its address and its subjects, normalised."""

    address: str | None
    subjects: list[str]

    @property
    def any(self) -> bool:
        """Whether the report names anything another report could share."""
        return bool(self.address or self.subjects)


def link_keys(location: Location, subjects: Sequence[Person]) -> LinkKeys:
    """The keys of a report's location and subjects."""
    return LinkKeys(address_key(location), subject_keys(list(subjects)))


def lock_keys(organisation_id: uuid.UUID, keys: LinkKeys) -> list[str]:
    """The advisory locks a report takes before looking for a case to join: one per key, so
    reports about the same address or subject arriving together queue up, and only those."""
    found = [f"link:{organisation_id}:{keys.address}"] if keys.address else []
    return found + [f"link:{organisation_id}:subject:{s}" for s in keys.subjects]


def window_start(received_at: datetime, link_window_days: int) -> datetime:
    """The earliest report that keeps a case open to linking, for a report received at
    ``received_at``."""
    return received_at - timedelta(days=link_window_days)


def link_reason(
    case_reference: str, case_address: str | None, case_subjects: Sequence[str], keys: LinkKeys
) -> str:
    """Why the report joins the case (what they share), as the timeline and the event say it."""
    reasons = []
    if keys.address and case_address == keys.address:
        reasons.append("same address")
    shared = sorted(set(case_subjects) & set(keys.subjects))
    if shared:
        reasons.append("same subject (" + ", ".join(s.split("@")[0] for s in shared) + ")")
    return " and ".join(reasons) + f" as open case {case_reference}"
