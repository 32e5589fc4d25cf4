"""How the case page shows a complainant may be contacted, read from casework's answer.

No I/O. The complainant's contact record (``ContactPreferences``, casework's answer) decides;
this only says it in words and keeps the forms to it: the channels marked unsafe are never
offered, and on a careful record (domestic abuse, safeguarding: casework sets it) only the
channels marked safe are, and no home visit unless the home is marked safe (``letter_to_home_safe``).
Which message goes by which channel, and when, stays notifications' decision (its messages, with
the officer's task when one was withheld, are shown beside this).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import catalogue

CHANNEL_METHODS = {"phone": "phone", "email": "email", "sms": "sms", "letter": "letter"}
"""Contact methods that use one of the person's channels."""

NOT_A_CHANNEL = ("in_person", "video")
"""Contact methods that go by none of the person's channels."""


@dataclass(frozen=True)
class ContactWays:
    careful: bool
    safe: list[str]
    unsafe: list[str]
    methods: list[str]
    """The contact methods the officer may record for this person."""
    guidance: list[str]
    """What the officer must do, in words ("Call on a safe number between 10:00 and 12:00")."""


def _windows(windows: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for window in windows:
        days = sorted(int(d) for d in window.get("days", []))
        if days == list(range(5)):
            named = "Monday to Friday"
        elif days == list(range(7)):
            named = "every day"
        else:
            named = ", ".join(catalogue.DAYS[d] for d in days if 0 <= d < 7)
        parts.append(f"between {str(window['start'])[:5]} and {str(window['end'])[:5]}, {named}")
    return "; or ".join(parts)


def contact_ways(preferences: Mapping[str, Any]) -> ContactWays:
    """How a complainant may be contacted, from their contact record's preferences."""
    careful = bool(preferences.get("careful"))
    safe = [str(c) for c in preferences.get("safe") or []]
    unsafe = [str(c) for c in preferences.get("unsafe") or []]
    home_safe = preferences.get("letter_to_home_safe") is True

    def usable(channel: str) -> bool:
        if channel in unsafe:
            return False
        if channel == "letter" and careful and not home_safe:
            return False
        return channel in safe if careful else True

    methods = [m for m, channel in CHANNEL_METHODS.items() if usable(channel)]
    if not careful or home_safe:
        methods.append("visit")
    methods += NOT_A_CHANNEL

    guidance: list[str] = []
    if preferences.get("only_through_officer"):
        guidance.append("Only the officer contacts this person: no message goes to them.")
    when = _windows(preferences.get("safe_windows") or [])
    if "phone" in safe:
        guidance.append(f"Call on the safe number {when}." if when else "Call on the safe number.")
    elif when:
        guidance.append(f"Contact only {when}.")
    if careful and not [c for c in safe if c != "in_app"]:
        guidance.append("No channel is marked safe: ask the complainant how to reach them safely.")
    if preferences.get("voicemail_safe") is False:
        guidance.append("Do not leave a voicemail.")
    if careful and not home_safe:
        guidance.append("Nothing goes to the home address.")
    if preferences.get("has_code_word"):
        guidance.append("Use the agreed code word.")
    for channel in unsafe:
        guidance.append(f"Never by {catalogue.label(catalogue.CHANNELS, channel).lower()}.")
    return ContactWays(careful, safe, unsafe, methods, guidance)
