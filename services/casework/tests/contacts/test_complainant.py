"""Who a complainant is, an anonymous reporter never being one, and the careful default on the
domestic-abuse and safeguarding routes (pure rules)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from asb_shared.contracts.common import (
    AsbCategory,
    Channel,
    Contact,
    ContactChannel,
    ContactPreferences,
    Location,
)
from asb_shared.contracts.intake import Reporter, ReportReceivedV2
from casework.cases.models import Case
from casework.contacts.complainant import (
    complainant_details,
    may_contact_complainant,
    preferences_on_route,
    reporter_of_v1,
)
from casework.lifecycle.closing import discussion_required
from casework.opening.reports import stored_payload, stored_report
from casework.triage.priority import PriorityRoute
from casework_samples import now

EMAIL_SAFE = ContactPreferences(
    safe=[ContactChannel.EMAIL],
    unsafe=[ContactChannel.SMS],
    preferred=ContactChannel.EMAIL,
    letter_to_home_safe=None,
)


def a_case(**values: object) -> Case:
    return Case(**({"organisation_id": uuid.uuid4(), "anonymous": False} | values))


def test_an_anonymous_reporter_is_never_a_complainant_even_if_details_slipped_through() -> None:
    reporter = Reporter(name="Jo", email="jo@example.org", note="never call")
    assert complainant_details(True, reporter) is None
    assert complainant_details(False, reporter) == reporter
    assert complainant_details(False, None) is None
    leaky = a_case(anonymous=True)
    assert not may_contact_complainant(leaky)
    assert not discussion_required(leaky)
    assert may_contact_complainant(a_case()) and discussion_required(a_case())


@pytest.mark.parametrize("route", [PriorityRoute.DOMESTIC_ABUSE, PriorityRoute.SAFEGUARDING])
def test_domestic_abuse_and_safeguarding_are_careful_whatever_was_asked(route: str) -> None:
    asked = EMAIL_SAFE.model_copy(update={"careful": False})
    applied = preferences_on_route(asked, route)
    assert applied.careful is True
    assert applied.safe == [ContactChannel.EMAIL]  # only what was explicitly marked safe
    assert applied.unsafe == [ContactChannel.SMS]
    # A letter home only if explicitly marked safe: "unknown" is not safe.
    assert applied.letter_to_home_safe is False
    marked = preferences_on_route(asked.model_copy(update={"letter_to_home_safe": True}), route)
    assert marked.letter_to_home_safe is True


@pytest.mark.parametrize("route", [None, PriorityRoute.HATE])
def test_other_routes_keep_the_wishes_as_given(route: str | None) -> None:
    assert preferences_on_route(EMAIL_SAFE, route) == EMAIL_SAFE


def _kept_v1(contact: Contact | None, anonymous: bool = False) -> dict[str, Any]:
    """A report as casework kept it before version 2: its reporter as version 1 described
    them, contact wishes as free text, and no stored version."""
    report = ReportReceivedV2(
        report_id=uuid.uuid4(),
        reference="ASB-2026-000001",
        channel=Channel.WEB,
        categories=[AsbCategory.NOISE],
        description="Music",
        location=Location(postcode="SK1 1AA"),
        occurred_at=now(),
        received_at=now(),
        anonymous=anonymous,
    )
    return report.model_dump(mode="json") | {
        "reporter": contact.model_dump(mode="json") if contact else None
    }


def test_a_version_1_reporters_wishes_are_unknown_so_careful_and_the_note_stays_for_officers() -> (
    None
):
    contact = Contact(
        name="Jo",
        email="jo@example.org",
        preferred_channel=ContactChannel.EMAIL,
        contact_times="after 6pm",
        safe_contact="never email me, he reads it",
    )
    reporter = reporter_of_v1(contact)
    assert reporter is not None
    assert reporter.preferences.careful is True
    assert reporter.preferences.safe == []  # nothing is trusted from free text
    assert reporter.note == "never email me, he reads it\nContact times: after 6pm"
    assert reporter_of_v1(None) is None
    assert stored_report(_kept_v1(contact)).reporter == reporter


def test_a_kept_report_reads_back_as_received_in_either_version() -> None:
    contact = Contact(name="Jo", email="jo@example.org")
    old = stored_report(_kept_v1(contact))
    assert old.reporter == reporter_of_v1(contact)
    assert old.reference == "ASB-2026-000001"
    assert stored_report(_kept_v1(None, anonymous=True)).reporter is None
    new = old.model_copy(
        update={"reporter": Reporter(name="Jo", preferences=ContactPreferences(careful=False))}
    )
    assert stored_report(stored_payload(new)) == new
