"""One way to write a use case, whoever calls it.

A use case is an ``async`` function ``do_this(uow: UnitOfWork, command: DoThis) -> Result``. It
gets everything it may touch through the unit of work: the session of a transaction somebody
else opened, the outbox to announce what happened, who is acting and the clock. It never opens
or commits a transaction and never raises an HTTP error: when the request cannot be done it
raises a :class:`DomainError`, which the HTTP edge maps to the common error shape in one place
(:mod:`asb_shared.errors`) and which the event consumer treats like any failing handler.

The two edges that call use cases:

- an HTTP handler parses the request, authorises the caller, opens a unit of work with the
  :data:`~asb_shared.service.WorkDep` dependency (``async with work(principal) as uow``), calls
  one use case and shapes the answer;
- an event handler is given a unit of work by the consumer (its transaction also holds the
  inbox row), with the event as its cause, and calls the use case with a command made from
  the event.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .db import utcnow

if TYPE_CHECKING:  # imported for types only: auth and errors import this module
    from sqlalchemy.ext.asyncio import AsyncSession

    from .auth import Principal
    from .db import Database
    from .messaging.envelope import Envelope, Event
    from .messaging.outbox import Outbox

Clock = Callable[[], datetime]
"""Gives the current time (aware, UTC). Tests pass a fixed one to move time at will."""


@dataclass
class UnitOfWork:
    """One transaction's worth of work: session, outbox, acting principal, clock, cause."""

    session: AsyncSession
    outbox: Outbox
    actor: Principal | None = None
    """The member of staff acting, or None when the system acts on an event or a timer."""
    cause: Envelope | None = None
    """The event being handled, when the work is a consumer's: events emitted carry its ids."""
    clock: Clock = utcnow

    def now(self) -> datetime:
        return self.clock()

    @property
    def envelope(self) -> Envelope:
        """The event being handled (only inside an event handler)."""
        if self.cause is None:
            raise RuntimeError("this unit of work does not handle an event")
        return self.cause

    async def emit(self, event: Event, *, organisation_id: uuid.UUID | None = None) -> Envelope:
        """Add an event to the outbox in this transaction.

        Inside an event handler the new event is caused by the one handled (same correlation
        id) and belongs to its organisation unless another is named; otherwise the caller's
        organisation (the actor's) is used.
        """
        cause = self.cause
        organisation = organisation_id or (
            cause.organisation_id
            if cause is not None
            else (self.actor.organisation_id if self.actor is not None else None)
        )
        if organisation is None:
            raise ValueError("an event needs the organisation it belongs to")
        return await self.outbox.add(
            self.session,
            event,
            organisation_id=organisation,
            correlation_id=cause.correlation_id if cause is not None else None,
            causation_id=cause.id if cause is not None else None,
        )


@dataclass
class Transactions:
    """Opens units of work on a service's database: the HTTP edge's way in (``WorkDep``)."""

    db: Database
    outbox: Outbox
    clock: Clock = utcnow

    @contextlib.asynccontextmanager
    async def __call__(self, actor: Principal | None = None) -> AsyncIterator[UnitOfWork]:
        """A unit of work in a new transaction: committed when the block ends, rolled back if
        it raises (so a use case that fails half way leaves nothing written)."""
        async with self.db.transaction() as session:
            yield UnitOfWork(session, self.outbox, actor, None, self.clock)


# --- domain errors ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of a command."""

    field: str
    message: str
    type: str = "value_error"


@dataclass(eq=False)
class DomainError(Exception):
    """A request the rules refuse. Mapped to the common error shape at the HTTP edge."""

    message: str
    problems: list[Problem] = field(default_factory=list)
    code: str = "bad_request"
    extra: dict[str, Any] = field(default_factory=dict)
    """Anything else the caller should see (e.g. the commands allowed instead)."""

    status = 400

    def __post_init__(self) -> None:
        super().__init__(self.message)


@dataclass(eq=False)
class NotFound(DomainError):
    """The thing does not exist, or belongs to another organisation (they are not told apart)."""

    code: str = "not_found"
    status = 404


@dataclass(eq=False)
class Forbidden(DomainError):
    code: str = "forbidden"
    status = 403


@dataclass(eq=False)
class Conflict(DomainError):
    """The thing is not in a state that allows this (e.g. a case already closed)."""

    code: str = "conflict"
    status = 409


@dataclass(eq=False)
class Invalid(DomainError):
    """The command breaks a rule its schema alone cannot check; names the field."""

    code: str = "validation_failed"
    status = 422

    @classmethod
    def at(cls, field_name: str, message: str, type_: str = "value_error") -> Invalid:
        """The error for one field."""
        return cls("The request has invalid fields.", [Problem(field_name, message, type_)])
