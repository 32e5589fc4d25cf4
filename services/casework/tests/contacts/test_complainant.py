"""The complainant of a case, and an anonymous reporter never being contacted (pure rules)."""

from __future__ import annotations

import uuid

from asb_shared.contracts import Contact, ContactChannel
from casework.cases.models import Case
from casework.closure.rules import discussion_required
from casework.contacts.complainant import (
    complainant_contact,
    complainant_of,
    may_contact_complainant,
)


def a_case(**values: object) -> Case:
    fields: dict[str, object] = {
        "organisation_id": uuid.uuid4(),
        "anonymous": False,
        "complainant_name": "Jo",
        "complainant_email": "jo@example.org",
        "complainant_phone": "07700 900123",
        "complainant_preferred_channel": "sms",
    }
    fields.update(values)
    return Case(**fields)


def test_a_named_complainant_is_told_of_as_recorded() -> None:
    complainant = complainant_of(a_case())
    assert complainant == Contact(
        name="Jo",
        email="jo@example.org",
        phone="07700 900123",
        preferred_channel=ContactChannel.SMS,
    )
    assert may_contact_complainant(a_case())
    assert discussion_required(a_case())


def test_an_unknown_preferred_channel_is_left_out_not_guessed() -> None:
    complainant = complainant_of(a_case(complainant_preferred_channel="carrier pigeon"))
    assert complainant is not None and complainant.preferred_channel is None
    assert complainant_of(a_case(complainant_preferred_channel=None)) is not None


def test_an_anonymous_reporter_is_never_contacted_even_if_details_slipped_through() -> None:
    # Details on an anonymous case must not leak out to other services nor start a contact.
    leaky = a_case(anonymous=True)
    assert complainant_of(leaky) is None
    assert not may_contact_complainant(leaky)
    assert not discussion_required(leaky)
    reporter = Contact(name="Jo", email="jo@example.org")
    assert complainant_contact(True, reporter) is None
    assert complainant_contact(False, reporter) == reporter
    assert complainant_contact(False, None) is None
