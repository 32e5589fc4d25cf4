"""Which reads of casework are sensitive, with no I/O: every read of them is audited.

A case on the domestic-abuse, hate or safeguarding route is sensitive as a whole; a
complainant's contact record (where they may safely be reached, their code word), the
evidence register (where the photos, recordings and statements are kept) and a stored file
opened are sensitive on every case.
"""

from __future__ import annotations

from enum import StrEnum

SENSITIVE_ROUTES = frozenset({"domestic_abuse", "hate_incident", "safeguarding"})
"""The priority routes (``casework.triage.priority.PriorityRoute``) whose cases are audited."""


class Resource(StrEnum):
    """What was read."""

    CASE = "case"
    CONTACT_RECORD = "contact_record"
    EVIDENCE = "evidence"
    EVIDENCE_FILE = "evidence_file"
    """A stored file itself, opened."""


ALWAYS_SENSITIVE = frozenset({Resource.CONTACT_RECORD, Resource.EVIDENCE, Resource.EVIDENCE_FILE})


def is_sensitive(resource: Resource, priority_route: str | None) -> bool:
    """Whether a read of ``resource`` on a case with ``priority_route`` is audited."""
    return resource in ALWAYS_SENSITIVE or priority_route in SENSITIVE_ROUTES
