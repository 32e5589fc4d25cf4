"""What a subject access export must hold back for review: other people's personal data, with
no I/O. Every service builds the items it contributes with :func:`item`, so one rule marks them.

A field is marked when it names, or may name, someone other than the person asking:

- the people a report names (subjects, witnesses, other people), other complainants, and the
  staff and partners involved where they are named;
- free text written by anyone (a report's description, an officer's note, a timeline entry, a
  message body, a reason): it may name a neighbour, a child, a witness.

Marked fields are shown to the officer, who redacts what must not be released (the law lets
a landlord withhold third parties' data unless they consent or it is reasonable to disclose it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from .contracts.common import SubjectAccessItem

OTHER_PEOPLE = frozenset(
    {
        "people",
        "subjects",
        "witnesses",
        "complainants",
        "other_complainants",
        "officer_name",
        "peo_name",
        "added_by",
        "actor",
    }
)
"""Fields that name someone other than the person asking."""

FREE_TEXT = frozenset(
    {
        "description",
        "note",
        "notes",
        "officer_note",
        "summary",
        "text",
        "body",
        "reason",
        "closure_reason",
        "comments",
        "transcript",
        "subject",
    }
)
"""Free text that may name someone else."""


def others_in(data: Mapping[str, object]) -> list[str]:
    """The fields of ``data`` to review before release (those present and not empty)."""
    return sorted(
        key
        for key, value in data.items()
        if key in OTHER_PEOPLE | FREE_TEXT and value not in (None, "", [], {})
    )


def item(
    kind: str,
    data: Mapping[str, object],
    *,
    reference: str | None = None,
    at: datetime | None = None,
) -> SubjectAccessItem:
    """One thing held about the person, marked where it names someone else."""
    return SubjectAccessItem(
        kind=kind, reference=reference, at=at, data=dict(data), others=others_in(data)
    )
