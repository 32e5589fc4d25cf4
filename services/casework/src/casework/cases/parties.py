"""Who is on a case: the complainant, and the rule that an anonymous reporter is never
contacted nor identified.

No I/O happens here. These are casework's anonymity predicates, on a report
(:func:`complainant_details`: what search indexes, whom the Community Trigger counts, who gets a
contact record) and on a case (:func:`may_contact_complainant`): the events other services
receive (who to acknowledge, who to survey), the first-contact standard, and the discussion
before closing all ask :func:`may_contact_complainant`. An anonymous report has no complainant
to contact, whatever details came with it: the reporter chose not to be identified, and
contacting them could expose them to the person they reported.
"""

from __future__ import annotations

from asb_shared.anonymity import identified
from asb_shared.contracts.intake import Reporter

from .models import Case

COMPLAINANT = "complainant"
"""``Contact.with_whom`` for the person who reported the ASB."""


def may_contact_complainant(case: Case) -> bool:
    """Whether the case's opening report left a complainant casework may contact (never an
    anonymous reporter)."""
    return identified(case.anonymous, case) is not None


def complainant_details(anonymous: bool, reporter: Reporter | None) -> Reporter | None:
    """The reporter as a complainant casework keeps a contact record for: nobody at all if the
    report is anonymous (even if details slipped through): :func:`asb_shared.anonymity.identified`."""
    return identified(anonymous, reporter)
