"""The complainant of a case, and the rule that an anonymous reporter is never contacted.

No I/O happens here. This is the one place casework decides who the complainant is and whether
anyone may be contacted about a case: the events other services receive (who to acknowledge,
who to survey), the first-contact standard, and the discussion before closing all ask here.

An anonymous report has no complainant to contact, whatever details came with it: the reporter
chose not to be identified, and contacting them could expose them to the person they reported.
"""

from __future__ import annotations

from asb_shared.contracts import Contact, ContactChannel

from ..cases.models import Case

COMPLAINANT = "complainant"
"""``Contact.with_whom`` for the person who reported the ASB."""


def complainant_contact(anonymous: bool, reporter: Contact | None) -> Contact | None:
    """The reporter as other services may know them: nobody at all if the report is anonymous."""
    if anonymous:
        return None
    return reporter


def _channel(value: str | None) -> ContactChannel | None:
    if value is None or value not in ContactChannel._value2member_map_:
        return None
    return ContactChannel(value)


def complainant_of(case: Case) -> Contact | None:
    """The case's complainant as other services receive them (None if anonymous)."""
    return complainant_contact(
        case.anonymous,
        Contact(
            name=case.complainant_name,
            email=case.complainant_email,
            phone=case.complainant_phone,
            preferred_channel=_channel(case.complainant_preferred_channel),
        ),
    )


def may_contact_complainant(case: Case) -> bool:
    """Whether there is a complainant casework may contact (never an anonymous reporter)."""
    return complainant_of(case) is not None
