"""A client's engagement with the service, as a small state machine with no I/O.

A client exists once a referral is accepted. They are engaged from the moment they consent;
they may withdraw consent, disengage (stop turning up) and re-engage, each on a date; an outcome
closes their record. Only what the policy allows from each status is allowed.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    AWAITING_CONSENT = "awaiting_consent"
    ENGAGED = "engaged"
    DISENGAGED = "disengaged"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    CLOSED = "closed"


class Change(StrEnum):
    CONSENT_GIVEN = "consent_given"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    DISENGAGED = "disengaged"
    RE_ENGAGED = "re_engaged"


class ConsentMethod(StrEnum):
    """How the client gave (or withdrew) consent."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    WRITTEN = "written"
    EMAIL = "email"
    THROUGH_REPRESENTATIVE = "through_representative"


_ALLOWED: dict[Change, tuple[frozenset[Status], Status]] = {
    Change.CONSENT_GIVEN: (
        frozenset({Status.AWAITING_CONSENT, Status.CONSENT_WITHDRAWN}),
        Status.ENGAGED,
    ),
    Change.CONSENT_WITHDRAWN: (
        frozenset({Status.ENGAGED, Status.DISENGAGED}),
        Status.CONSENT_WITHDRAWN,
    ),
    Change.DISENGAGED: (frozenset({Status.ENGAGED}), Status.DISENGAGED),
    Change.RE_ENGAGED: (frozenset({Status.DISENGAGED}), Status.ENGAGED),
}


class NotAllowed(ValueError):
    """The change cannot happen from the client's status."""


def after(status: Status, change: Change) -> Status:
    """The client's status after ``change``; raises :class:`NotAllowed` if it cannot happen."""
    allowed_from, result = _ALLOWED[change]
    if status not in allowed_from:
        raise NotAllowed(
            f"a client who is {status.value} cannot be {change.value.replace('_', ' ')}"
        )
    return result


def changes_allowed(status: Status) -> list[Change]:
    """What may happen next, for the PEO's screen."""
    return [c for c, (allowed_from, _) in _ALLOWED.items() if status in allowed_from]


def has_consent(status: Status) -> bool:
    """Whether the client's consent stands (assessments and plans need it)."""
    return status in {Status.ENGAGED, Status.DISENGAGED}
