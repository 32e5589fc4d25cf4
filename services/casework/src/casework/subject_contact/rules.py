"""Whether the subject of a case may be contacted, as a pure rule.

Contacting the person complained about tells them someone complained; the complainant decides
whether that risk is worth taking (Northampton Partnership Homes visits the subject only with
the complainant's agreement). A team leader can override, with a reason, when the behaviour has
to be tackled anyway (a threat to others, a child at risk). No I/O happens here.
"""

from __future__ import annotations

from enum import StrEnum


class SubjectContact(StrEnum):
    """The decision recorded on a case (``Case.subject_contact``)."""

    AGREED = "agreed"
    """The complainant agreed to the subject being contacted."""
    REFUSED = "refused"
    """The complainant does not want the subject contacted (yet)."""
    OVERRIDDEN = "overridden"
    """A team leader decided the subject is contacted anyway, with a reason."""


def subject_contact_refusal(decision: str | None) -> str | None:
    """Why the subject may not be contacted now, or None if they may."""
    if decision in (SubjectContact.AGREED, SubjectContact.OVERRIDDEN):
        return None
    if decision == SubjectContact.REFUSED:
        return (
            "The complainant has not agreed to the subject being contacted; a team leader can "
            "override with a reason."
        )
    return (
        "The complainant's agreement to contacting the subject is not recorded yet; record it, "
        "or a team leader can override with a reason."
    )
