"""Small things every feature of engagement needs: who is acting, and bounded text types."""

from __future__ import annotations

from typing import Annotated

from asb_shared.usecase import UnitOfWork
from pydantic import AfterValidator, StringConstraints


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it as bad input rather than fail at the database.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Short = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_nul),
]
"""A name, a title, an owner: one line of up to 200 characters."""
Reference = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=32),
    AfterValidator(_no_nul),
]
"""A case's human reference (HX-C-2026-000123, or CASE-2026-000123 before prefixes)."""
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(_no_nul),
]
"""A note, a reason, a summary: up to 5000 characters."""
Template = Annotated[
    str, StringConstraints(min_length=1, max_length=200_000), AfterValidator(_no_nul)
]


def actor_id(uow: UnitOfWork) -> str:
    """Who is acting: the member of staff's subject, or ``system`` for events and timers."""
    return uow.actor.subject if uow.actor is not None else "system"


def actor_name(uow: UnitOfWork) -> str:
    """The acting member of staff's display name (their subject when the token has none)."""
    if uow.actor is None:
        return "system"
    return uow.actor.name or uow.actor.subject
