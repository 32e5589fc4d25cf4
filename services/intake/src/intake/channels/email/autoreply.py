"""Whether an email reporter gets the automatic reply (their reference and tracking code), with
no I/O: decided when casework has put the report on its route, by the platform's contact rules
(:mod:`asb_shared.contact_rules`), as any other message to the person is.

- A named reporter: their contact record as casework announced it (careful on the domestic-abuse
  and safeguarding routes) decides. The reply goes only if the rules choose email to the address
  the report came from; outside their safe times it waits for the next safe window; otherwise no
  automatic email at all (notifications' acknowledgement becomes a task for the officer by the
  same rules).
- An anonymous reporter has no contact record: the address they wrote from gets the reply (the
  tracking code is their only way to follow the report) unless the route is careful or unknown.
- A named reporter whose wishes are unknown (no contact record in the event) gets the most
  careful answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from asb_shared.contact_rules import CAREFUL_ROUTES, Defer, Send, decide
from asb_shared.contracts.common import ContactChannel, ContactDetails, ContactPreferences

WHAT = "the acknowledgement of their email report, with their tracking code"


@dataclass(frozen=True)
class ReplyNow:
    """Send the reply (reference and tracking code) now."""


@dataclass(frozen=True)
class ReplyLater:
    """Send it at ``at`` (UTC): the start of the reporter's next safe window."""

    at: datetime


@dataclass(frozen=True)
class NoReply:
    """No automatic email to this address; ``why`` is kept with the mail for staff."""

    why: str


ReplyDecision = ReplyNow | ReplyLater | NoReply


def reply_to_named(
    preferences: ContactPreferences, details: ContactDetails, reply_to: str, *, now: datetime
) -> ReplyDecision:
    """For a named reporter whose contact record carries ``preferences`` and ``details``; the
    reply could only go to ``reply_to``, the address the report came from."""
    where = details.model_copy(update={"email": reply_to})
    decision = decide(preferences, where, what=WHAT, now=now)
    reasons = "; ".join(decision.reasons)
    if isinstance(decision, Send) and decision.channel is ContactChannel.EMAIL:
        return ReplyNow()
    if isinstance(decision, Defer) and decision.channel is ContactChannel.EMAIL:
        return ReplyLater(decision.until)
    return NoReply(f"no automatic email: {reasons}" if reasons else "no automatic email")


def reply_to_anonymous(route: str | None, *, route_known: bool) -> ReplyDecision:
    """For an anonymous reporter (no contact record): the route alone decides."""
    if not route_known:
        return NoReply("no automatic email: anonymous, and the case's route is not known")
    if route in CAREFUL_ROUTES:
        return NoReply(f"no automatic email: anonymous, on the {route} route")
    return ReplyNow()


UNKNOWN_WISHES = ContactPreferences(careful=True)
"""The wishes of a reporter whose event carried none as data: the most careful."""
