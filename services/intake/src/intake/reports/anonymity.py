"""An anonymous reporter is never contacted and never identified.

The policies accept anonymous reports: the officer tries to confirm what happened and, if that
cannot be done, closes the case as "information only". Anonymous means that no contact details
are kept at all, not that they are hidden: nothing stored, nothing in the event casework and
notifications receive, so no later step can contact or name the person by mistake. This module
is that rule's one home in intake; every channel and view asks it.
"""

from __future__ import annotations

from typing import TypeVar

from asb_shared.anonymity import identified

R = TypeVar("R")

ANONYMOUS_MEANS = (
    "Your report was made anonymously: we have not kept any contact details, so we cannot tell "
    "you what happens."
)
"""What an anonymous reporter is told when their report is taken."""


def check_reporter(anonymous: bool, reporter: object | None) -> None:
    """A report names its reporter unless it is anonymous, and an anonymous one names nobody.

    Raises ValueError (for a pydantic validator) with the message for the ``reporter`` field.
    """
    if not anonymous and reporter is None:
        raise ValueError("is needed unless the report is anonymous")
    if anonymous and reporter is not None:
        raise ValueError("must be left out of an anonymous report")


def kept_reporter(anonymous: bool, reporter: R | None) -> R | None:
    """The reporter as stored and passed on: nobody at all when the report is anonymous."""
    return identified(anonymous, reporter)


def anonymous_unless_reachable(asked: bool, *ways_to_reach: str | None) -> bool:
    """Anonymous when asked, or when there is no way to reach the person: a name alone cannot be
    used to contact anyone, so it is not kept either."""
    return asked or not any(ways_to_reach)


def may_be_contacted(anonymous: bool) -> bool:
    """Whether anything (an update, the satisfaction survey) may be addressed to the reporter."""
    return not anonymous
