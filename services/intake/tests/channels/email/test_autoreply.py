"""The automatic reply to an email reporter follows the contact rules (pure, no I/O)."""

from __future__ import annotations

from datetime import UTC, datetime, time

from asb_shared.contracts.common import (
    ContactChannel,
    ContactDetails,
    ContactPreferences,
    SafeWindow,
)
from intake.channels.email.autoreply import (
    UNKNOWN_WISHES,
    NoReply,
    ReplyLater,
    ReplyNow,
    reply_to_anonymous,
    reply_to_named,
)

NOW = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # a Monday, 14:00 in London
TO = "pat@example.org"
EMAIL_FIRST = ContactPreferences(preferred=ContactChannel.EMAIL)


def test_an_ordinary_reporter_is_answered_at_once() -> None:
    assert reply_to_named(EMAIL_FIRST, ContactDetails(), TO, now=NOW) == ReplyNow()


def test_careful_contact_without_email_marked_safe_gets_no_email() -> None:
    careful = ContactPreferences(careful=True, preferred=ContactChannel.EMAIL)
    decision = reply_to_named(careful, ContactDetails(), TO, now=NOW)
    assert isinstance(decision, NoReply)
    assert "email not used" in decision.why
    safe = careful.model_copy(update={"safe": [ContactChannel.EMAIL]})
    assert reply_to_named(safe, ContactDetails(), TO, now=NOW) == ReplyNow()


def test_email_marked_unsafe_or_only_through_the_officer_gets_no_email() -> None:
    unsafe = ContactPreferences(unsafe=[ContactChannel.EMAIL], preferred=ContactChannel.SMS)
    assert isinstance(reply_to_named(unsafe, ContactDetails(), TO, now=NOW), NoReply)
    officer = EMAIL_FIRST.model_copy(update={"only_through_officer": True})
    assert isinstance(reply_to_named(officer, ContactDetails(), TO, now=NOW), NoReply)


def test_another_channel_chosen_by_the_rules_means_no_email() -> None:
    sms = ContactPreferences(preferred=ContactChannel.SMS)
    decision = reply_to_named(sms, ContactDetails(phone="07700900123"), TO, now=NOW)
    assert isinstance(decision, NoReply)


def test_outside_the_safe_times_the_reply_waits_for_the_window() -> None:
    mornings = EMAIL_FIRST.model_copy(
        update={"safe_windows": [SafeWindow(days=[0, 1, 2, 3, 4], start=time(9), end=time(10))]}
    )
    decision = reply_to_named(mornings, ContactDetails(), TO, now=NOW)
    assert isinstance(decision, ReplyLater)
    assert decision.at > NOW


def test_unknown_wishes_are_the_most_careful() -> None:
    assert isinstance(reply_to_named(UNKNOWN_WISHES, ContactDetails(), TO, now=NOW), NoReply)


def test_an_anonymous_reporter_is_answered_only_off_the_careful_routes() -> None:
    assert reply_to_anonymous(None, route_known=True) == ReplyNow()
    assert reply_to_anonymous("hate_incident", route_known=True) == ReplyNow()
    assert isinstance(reply_to_anonymous("domestic_abuse", route_known=True), NoReply)
    assert isinstance(reply_to_anonymous("safeguarding", route_known=True), NoReply)
    assert isinstance(reply_to_anonymous(None, route_known=False), NoReply)
