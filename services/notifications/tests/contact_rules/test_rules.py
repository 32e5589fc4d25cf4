"""The safe-contact rules, tested without I/O, and a property that tries to break them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from asb_shared.contact_rules import LONDON, Defer, Send, Withhold, decide, in_window
from asb_shared.contracts.common import (
    ContactChannel,
    ContactDetails,
    ContactPreferences,
    SafeWindow,
)
from hypothesis import given, settings
from hypothesis import strategies as st

E, S, P, L, A = (
    ContactChannel.EMAIL,
    ContactChannel.SMS,
    ContactChannel.PHONE,
    ContactChannel.LETTER,
    ContactChannel.IN_APP,
)
EVERYTHING = ContactDetails(
    name="Alex", email="alex@example.org", phone="07700900123", address="1 High St, SK1 1AA"
)
# Wednesday 25 November 2026, 11:00 in London (GMT in winter).
WEDNESDAY_11 = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)


def test_the_preferred_channel_is_used_when_allowed() -> None:
    got = decide(ContactPreferences(preferred=S), EVERYTHING, what="x", now=WEDNESDAY_11)
    assert got == Send(S, "07700900123", ["SMS chosen: the preferred channel"])


def test_an_unsafe_email_is_never_used_and_the_reason_says_who_and_when() -> None:
    prefs = ContactPreferences(
        unsafe=[E],
        careful=True,
        safe=[S],
        changed_at=datetime(2026, 11, 3, 9, 0, tzinfo=UTC),
        changed_by="officer Jo Bloggs",
    )
    got = decide(prefs, EVERYTHING, what="x", now=WEDNESDAY_11)
    assert isinstance(got, Send) and got.channel is S
    got = decide(prefs.model_copy(update={"preferred": S}), EVERYTHING, what="x", now=WEDNESDAY_11)
    assert isinstance(got, Send)
    no_sms = decide(prefs.model_copy(update={"safe": []}), EVERYTHING, what="x", now=WEDNESDAY_11)
    assert isinstance(no_sms, Withhold)
    assert "Contact them yourself" in no_sms.task
    unsafe = decide(
        ContactPreferences(
            unsafe=[E],
            changed_at=datetime(2026, 11, 3, 9, 0, tzinfo=UTC),
            changed_by="officer Jo Bloggs",
        ),
        EVERYTHING,
        what="x",
        now=WEDNESDAY_11,
    )
    assert isinstance(unsafe, Send) and unsafe.channel is S
    assert unsafe.reasons[0] == "email not used: marked unsafe on 2026-11-03 by officer Jo Bloggs"


def test_careful_contact_uses_only_channels_marked_safe() -> None:
    careful = ContactPreferences(careful=True, preferred=E)
    got = decide(careful, EVERYTHING, what="x", now=WEDNESDAY_11)
    assert isinstance(got, Withhold)
    assert got.reasons[0].startswith("email not used: not marked safe")


def test_a_letter_home_on_a_careful_case_needs_the_home_address_marked_safe() -> None:
    careful = ContactPreferences(careful=True, safe=[L], preferred=L)
    got = decide(careful, EVERYTHING, what="x", now=WEDNESDAY_11)
    assert isinstance(got, Withhold)
    assert "letter not used: a letter to the home address is not marked safe" in got.reasons
    allowed = careful.model_copy(update={"letter_to_home_safe": True})
    assert isinstance(decide(allowed, EVERYTHING, what="x", now=WEDNESDAY_11), Send)


def test_a_channel_needs_its_detail() -> None:
    got = decide(
        ContactPreferences(preferred=S), ContactDetails(email="a@b.org"), what="x", now=WEDNESDAY_11
    )
    assert got == Send(
        E,
        "a@b.org",
        [
            "SMS not used: no phone number on record",
            "email chosen: the first channel not marked unsafe",
        ],
    )


def test_a_phone_call_is_a_task_for_the_officer_with_the_safe_times() -> None:
    prefs = ContactPreferences(
        careful=True,
        safe=[P],
        preferred=P,
        safe_windows=[SafeWindow(days=[0, 1, 2, 3, 4], start=time(10), end=time(12))],
    )
    got = decide(prefs, EVERYTHING, what="the acknowledgement", now=WEDNESDAY_11)
    assert isinstance(got, Withhold)
    assert got.task == (
        "Call them on the safe number (weekdays 10:00 to 12:00) about the acknowledgement; "
        "do not leave a voicemail."
    )


def test_only_through_the_officer_is_always_a_task() -> None:
    prefs = ContactPreferences(only_through_officer=True, preferred=E)
    got = decide(prefs, EVERYTHING, what="the closure", now=WEDNESDAY_11)
    assert isinstance(got, Withhold)
    assert "only through their officer" in got.task


def test_outside_the_safe_hours_a_message_waits_for_the_next_window() -> None:
    prefs = ContactPreferences(
        preferred=E, safe_windows=[SafeWindow(days=[4], start=time(10), end=time(12))]
    )
    got = decide(prefs, EVERYTHING, what="x", now=WEDNESDAY_11)
    assert isinstance(got, Defer)
    assert got.until == datetime(2026, 11, 27, 10, 0, tzinfo=UTC)  # Friday 10:00 GMT
    assert got.reasons[-1].startswith("deferred to Fri 27 Nov 2026 10:00 (UK time)")


def test_safe_hours_are_uk_local_time_in_summer() -> None:
    prefs = ContactPreferences(safe_windows=[SafeWindow(days=[2], start=time(10), end=time(12))])
    # Wednesday 1 July 2026 09:30 UTC is 10:30 in London (BST).
    assert isinstance(
        decide(prefs, EVERYTHING, what="x", now=datetime(2026, 7, 1, 9, 30, tzinfo=UTC)), Send
    )
    # 11:30 UTC is 12:30 BST: outside.
    late = decide(prefs, EVERYTHING, what="x", now=datetime(2026, 7, 1, 11, 30, tzinfo=UTC))
    assert isinstance(late, Defer)
    assert late.until == datetime(2026, 7, 8, 9, 0, tzinfo=UTC)


def test_in_app_needs_a_report_reference() -> None:
    prefs = ContactPreferences(careful=True, safe=[A])
    assert isinstance(decide(prefs, EVERYTHING, what="x", now=WEDNESDAY_11), Withhold)
    got = decide(prefs, EVERYTHING, what="x", now=WEDNESDAY_11, reference="ASB-2026-000001")
    assert got == Send(A, "ASB-2026-000001", ["in-app message chosen: marked safe"])


# --- the property ------------------------------------------------------------------------------

channels = st.sampled_from(list(ContactChannel))


@st.composite
def windows(draw: st.DrawFn) -> SafeWindow:
    start = draw(st.integers(0, 23 * 60 + 58))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    return SafeWindow(
        days=draw(st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True)),
        start=time(start // 60, start % 60),
        end=time(end // 60, end % 60),
    )


@st.composite
def preferences(draw: st.DrawFn) -> ContactPreferences:
    chosen = draw(st.lists(channels, unique=True))
    split = draw(st.integers(0, len(chosen)))
    safe, unsafe = chosen[:split], chosen[split:]
    allowed = [c for c in ContactChannel if c not in unsafe]
    preferred = draw(st.none() | st.sampled_from(allowed)) if allowed else None
    return ContactPreferences(
        safe=safe,
        unsafe=unsafe,
        preferred=preferred,
        safe_windows=draw(st.lists(windows(), max_size=3)),
        voicemail_safe=draw(st.none() | st.booleans()),
        letter_to_home_safe=draw(st.none() | st.booleans()),
        only_through_officer=draw(st.booleans()),
        careful=draw(st.booleans()),
    )


details = st.builds(
    ContactDetails,
    email=st.none() | st.just("p@example.org"),
    phone=st.none() | st.just("07700900123"),
    address=st.none() | st.just("1 High St"),
)
moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=1500, deadline=None)
@given(
    prefs=preferences(),
    who=details,
    now=moments,
    reference=st.none() | st.just("ASB-2026-000001"),
)
def test_no_decision_ever_sends_unsafely(
    prefs: ContactPreferences, who: ContactDetails, now: datetime, reference: str | None
) -> None:
    got = decide(prefs, who, what="x", now=now, reference=reference)
    if isinstance(got, Withhold):
        assert got.task and got.reasons
        return
    channel = got.channel
    assert channel not in prefs.unsafe
    assert channel is not ContactChannel.PHONE
    assert not prefs.only_through_officer
    if prefs.careful:
        assert channel in prefs.safe
        if channel is ContactChannel.LETTER:
            assert prefs.letter_to_home_safe is True
    if channel is ContactChannel.LETTER:
        assert prefs.letter_to_home_safe is not False
    if isinstance(got, Send):
        assert in_window(prefs.safe_windows, now)
        assert got.address
    else:
        # Deferred, never dropped: to a moment inside a window, within the coming week.
        assert got.until > now
        assert got.until - now <= timedelta(days=8)
        assert in_window(prefs.safe_windows, got.until)
        assert got.until.astimezone(LONDON).weekday() in {
            d for w in prefs.safe_windows for d in w.days
        }
