"""The complainants of a case, the rule that an anonymous reporter is never contacted, and the
careful default on the domestic-abuse and safeguarding routes.

No I/O happens here. This is where casework decides who a complainant is; whether anyone may be
contacted about a case is the case's own rule (:mod:`casework.cases.parties`), re-exported here.

An anonymous report has no complainant to contact, whatever details came with it: the reporter
chose not to be identified, and contacting them could expose them to the person they reported.
It gets no contact record at all.

On the domestic-abuse and safeguarding routes the contact record is always ``careful``: nothing
goes by a channel not explicitly marked safe, and no letter to the home address unless that is
marked safe, whatever the report (or a later change) said. An officer who wants a channel used
marks it safe; nobody can switch the careful setting off on those routes.
"""

from __future__ import annotations

from asb_shared import contact_rules
from asb_shared.contracts.common import Contact, ContactPreferences
from asb_shared.contracts.intake import Reporter

from ..cases.parties import COMPLAINANT, complainant_details, may_contact_complainant

__all__ = [
    "CAREFUL_ROUTES",
    "COMPLAINANT",
    "REPORTER",
    "complainant_details",
    "may_contact_complainant",
    "preferences_on_route",
    "reporter_of_v1",
]

CAREFUL_ROUTES = contact_rules.CAREFUL_ROUTES
"""The priority routes whose complainants are always contacted in the careful way (one home with
the channel decision, :mod:`asb_shared.contact_rules`: intake's email reply asks it too)."""

REPORTER = "reporter"
"""``ContactPreferences.changed_by`` when the wishes are the reporter's own, from their report."""


def reporter_of_v1(contact: Contact | None) -> Reporter | None:
    """The reporter of a report casework kept before version 2, as version 2 knows them.

    Their wishes came as free text a machine cannot be trusted to read, so they are unknown:
    the most careful setting (no channel marked safe: every message becomes a task for the
    officer). The free text is kept as the officer-only note.
    """
    if contact is None:
        return None
    note = "\n".join(
        text
        for text in (
            contact.safe_contact,
            f"Contact times: {contact.contact_times}" if contact.contact_times else None,
        )
        if text
    )
    return Reporter(
        name=contact.name,
        email=contact.email,
        phone=contact.phone,
        preferences=ContactPreferences(careful=True, preferred=contact.preferred_channel),
        note=note or None,
    )


def preferences_on_route(preferences: ContactPreferences, route: str | None) -> ContactPreferences:
    """The preferences as they apply on a case's route: careful on domestic abuse and
    safeguarding, with a letter home only if explicitly marked safe."""
    if route not in CAREFUL_ROUTES:
        return preferences
    return preferences.model_copy(
        update={"careful": True, "letter_to_home_safe": preferences.letter_to_home_safe is True}
    )
