"""The channel decision for one message to one person (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from asb_shared.contracts.common import ContactChannel, ContactDetails, ContactPreferences

from .windows import LONDON, describe, in_window, next_window_start

CAREFUL_ROUTES = frozenset({"domestic_abuse", "safeguarding"})
"""The priority routes on which contact is always careful: nothing by a channel not marked
safe, no letter home unless marked safe (casework applies it to every contact record on them)."""

DEFAULT_ORDER = (
    ContactChannel.EMAIL,
    ContactChannel.SMS,
    ContactChannel.IN_APP,
    ContactChannel.LETTER,
)
"""The order tried after the preferred and the safe channels."""

WORDS = {
    ContactChannel.EMAIL: "email",
    ContactChannel.SMS: "SMS",
    ContactChannel.PHONE: "phone call",
    ContactChannel.LETTER: "letter",
    ContactChannel.IN_APP: "in-app message",
}
_DETAIL = {
    ContactChannel.EMAIL: "email address",
    ContactChannel.SMS: "phone number",
    ContactChannel.PHONE: "phone number",
    ContactChannel.LETTER: "postal address",
    ContactChannel.IN_APP: "report reference for their status view",
}


@dataclass(frozen=True)
class Send:
    """Send now by ``channel`` to ``address`` (email, number, postal address or reference)."""

    channel: ContactChannel
    address: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Defer:
    """Outside the safe windows: decide again at ``until`` (UTC), the next window's start."""

    until: datetime
    channel: ContactChannel
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Withhold:
    """No message to the person: ``task`` for their officer instead."""

    task: str
    reasons: list[str] = field(default_factory=list)


Decision = Send | Defer | Withhold


def _address(channel: ContactChannel, details: ContactDetails, reference: str | None) -> str | None:
    return {
        ContactChannel.EMAIL: details.email,
        ContactChannel.SMS: details.phone,
        ContactChannel.PHONE: details.phone,
        ContactChannel.LETTER: details.address,
        ContactChannel.IN_APP: reference,
    }[channel]


def _marked_unsafe(prefs: ContactPreferences) -> str:
    when = f" on {prefs.changed_at.astimezone(LONDON):%Y-%m-%d}" if prefs.changed_at else ""
    who = f" by {prefs.changed_by}" if prefs.changed_by else ""
    return f"marked unsafe{when}{who}"


def _refusal(
    channel: ContactChannel,
    prefs: ContactPreferences,
    details: ContactDetails,
    reference: str | None,
) -> str | None:
    """Why ``channel`` may not be used for this person, or None if it may."""
    if channel in prefs.unsafe:
        return _marked_unsafe(prefs)
    if prefs.careful and channel not in prefs.safe:
        return "not marked safe, and contact is careful (domestic abuse or safeguarding)"
    if channel is ContactChannel.LETTER:
        if prefs.careful and prefs.letter_to_home_safe is not True:
            return "a letter to the home address is not marked safe"
        if prefs.letter_to_home_safe is False:
            return "a letter to the home address is marked unsafe"
    if not _address(channel, details, reference):
        return f"no {_DETAIL[channel]} on record"
    return None


def _call_task(prefs: ContactPreferences, windows_words: str, what: str) -> str:
    when = "" if not prefs.safe_windows else f" ({windows_words})"
    voicemail = "" if prefs.voicemail_safe else "; do not leave a voicemail"
    code = "; use the agreed code word" if prefs.has_code_word else ""
    return f"Call them on the safe number{when} about {what}{voicemail}{code}."


def decide(
    prefs: ContactPreferences,
    details: ContactDetails,
    *,
    what: str,
    now: datetime,
    reference: str | None = None,
) -> Decision:
    """Decide how (and whether, and when) a message about ``what`` reaches this person.

    ``reference`` is their report reference, the "address" of the in-app channel (their own
    status view). ``now`` must be timezone-aware.
    """
    windows_words = describe(prefs.safe_windows)
    if prefs.only_through_officer:
        return Withhold(
            f"Pass on {what} yourself: they asked to be contacted only through their officer"
            + (f" ({windows_words})" if prefs.safe_windows else "")
            + ".",
            ["not sent: contact only through their officer"],
        )
    # Channels marked unsafe are named first, whichever channel is chosen: an officer reading
    # the history sees at once that the person's wish was applied.
    reasons = [f"{WORDS[c]} not used: {_marked_unsafe(prefs)}" for c in prefs.unsafe]
    # Under careful contact the default order is refused channel by channel as well: the
    # refusals are the reasons the officer reads ("email not used: marked unsafe...").
    order = [*([prefs.preferred] if prefs.preferred else []), *prefs.safe, *DEFAULT_ORDER]
    for channel in dict.fromkeys(order):
        refusal = _refusal(channel, prefs, details, reference)
        if refusal is not None:
            if channel not in prefs.unsafe:
                reasons.append(f"{WORDS[channel]} not used: {refusal}")
            continue
        why = (
            "the preferred channel"
            if channel == prefs.preferred
            else "marked safe"
            if channel in prefs.safe
            else "the first channel not marked unsafe"
        )
        if channel is ContactChannel.PHONE:
            reasons.append(f"phone call chosen ({why}): calls are made by the officer")
            return Withhold(_call_task(prefs, windows_words, what), reasons)
        reasons.append(f"{WORDS[channel]} chosen: {why}")
        if not in_window(prefs.safe_windows, now):
            until = next_window_start(prefs.safe_windows, now)
            if until is None:  # pragma: no cover - valid windows always open within a week
                break
            reasons.append(
                f"deferred to {until.astimezone(LONDON):%a %d %b %Y %H:%M} (UK time): "
                f"outside the safe times ({windows_words})"
            )
            return Defer(until, channel, reasons)
        address = _address(channel, details, reference)
        assert address is not None  # _refusal checked it
        return Send(channel, address, reasons)
    reasons.append("not sent: no channel is both allowed and safe")
    return Withhold(
        f"Contact them yourself about {what}: no channel is marked safe to use"
        + (f"; safe times: {windows_words}" if prefs.safe_windows else "")
        + ".",
        reasons,
    )
