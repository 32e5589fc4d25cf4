"""Small things every feature of engagement needs: who is acting, and text types bounded to
engagement's columns (checked as everywhere, by :mod:`asb_shared.types`: no NUL or other control
characters)."""

from __future__ import annotations

from typing import Annotated

from asb_shared.types import Text as CheckedText
from asb_shared.usecase import UnitOfWork
from pydantic import StringConstraints

Short = Annotated[
    CheckedText,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
]
"""A name, a title, an owner: one line of up to 200 characters."""
Reference = Annotated[
    CheckedText,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=32),
]
"""A case's human reference (HX-C-2026-000123, or CASE-2026-000123 before prefixes)."""
Text = Annotated[
    CheckedText,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
]
"""A note, a reason, a summary: up to 5000 characters."""
Template = Annotated[CheckedText, StringConstraints(min_length=1, max_length=200_000)]


def actor_id(uow: UnitOfWork) -> str:
    """Who is acting: the member of staff's subject, or ``system`` for events and timers."""
    return uow.actor.subject if uow.actor is not None else "system"


def actor_name(uow: UnitOfWork) -> str:
    """The acting member of staff's display name (their subject when the token has none)."""
    if uow.actor is None:
        return "system"
    return uow.actor.name or uow.actor.subject
