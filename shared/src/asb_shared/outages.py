"""When a dependency is out of reach: how to tell (``database_unavailable``) and how it is logged
(``Outage``: once when it begins, once when it ends, never a line per failure).

Pure and free of the rest of the package, so the database layer, the error handlers and the
background loops can all use it.
"""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Iterator

import asyncpg
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeout

log = logging.getLogger(__name__)

# SQLSTATEs that say the server cannot serve us now, not that a statement was wrong: class 08
# (connection exception), 53300 too many connections, 57P01-57P03 shutting down, crashed,
# starting up.
_UNAVAILABLE_STATES = ("08", "53300", "57P01", "57P02", "57P03")
_UNREACHABLE_ERRNOS = frozenset(
    {
        errno.ECONNREFUSED,
        errno.ECONNRESET,
        errno.ECONNABORTED,
        errno.EHOSTUNREACH,
        errno.ENETUNREACH,
        errno.ETIMEDOUT,
        errno.EPIPE,
    }
)
_DRIVERS = ("asyncpg", "sqlalchemy")


def _from_driver(exc: BaseException) -> bool:
    """Whether ``exc`` was raised inside the database driver or SQLAlchemy (a refused socket
    there is the database's; one raised by an HTTP client is not)."""
    tb = exc.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        if module.split(".", 1)[0] in _DRIVERS:
            return True
        tb = tb.tb_next
    return False


def _one_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, PoolTimeout | DisconnectionError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, asyncpg.PostgresError):
        state = str(getattr(exc, "sqlstate", "") or "")
        return state.startswith(_UNAVAILABLE_STATES)
    if isinstance(exc, asyncpg.InterfaceError):
        # "connection is closed", "connection was closed in the middle of operation"
        return "closed" in str(exc)
    if isinstance(exc, ConnectionError | TimeoutError) or (
        isinstance(exc, OSError) and exc.errno in _UNREACHABLE_ERRNOS
    ):
        return _from_driver(exc)
    return False


def database_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` says the database cannot be reached just now (refused or reset
    connections, a server shutting down or starting up, too many clients, an exhausted pool),
    as opposed to a statement that failed on its own account (a constraint, a bug).

    The error is followed through what it wraps (SQLAlchemy's ``orig``, ``__cause__``,
    ``__context__``), since SQLAlchemy wraps asyncpg's errors and asyncpg wraps the socket's.
    A plain socket error or timeout counts only when raised inside the driver. Pure: it looks
    at the exception, never at the database.
    """
    return any(_one_unavailable(cause) for cause in causes(exc))


def causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every error it wraps (SQLAlchemy's ``orig``, ``__cause__``, ``__context__``),
    each once."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]


class Outage:
    """A dependency's trouble as the logs tell it: one WARNING with its cause when it begins,
    one INFO when it ends, and in between at most a reminder a minute (with how many failures
    it stood for), never a line per failure.

    ``failed`` and ``ended`` are cheap enough to call on every attempt."""

    def __init__(self, what: str, logger: logging.Logger, remind_every: float = 60.0) -> None:
        self.what = what
        self.log = logger
        self.remind_every = remind_every
        self.since: float | None = None
        self.cause: str | None = None
        self.failures = 0
        self._reminded = 0.0

    @property
    def ongoing(self) -> bool:
        return self.since is not None

    def failed(self, cause: str) -> None:
        """Note one failure; logs when the trouble begins and once a minute while it lasts."""
        now = time.monotonic()
        self.cause = cause
        self.failures += 1
        if self.since is None:
            self.since = self._reminded = now
            self.failures = 1
            self.log.warning("%s", f"{self.what}: {cause}", extra={"error": cause})
        elif now - self._reminded >= self.remind_every:
            self._reminded = now
            self.log.warning(
                "%s",
                f"{self.what}: still, for {now - self.since:.0f}s "
                f"({self.failures} failures): {cause}",
                extra={"error": cause},
            )

    def ended(self) -> None:
        """Note a success; logs the end of the trouble if there was one."""
        if self.since is None:
            return
        lasted = time.monotonic() - self.since
        self.log.info(
            "%s",
            f"{self.what}: over after {lasted:.1f}s ({self.failures} failures)",
            extra={"lasted_seconds": round(lasted, 1), "failures": self.failures},
        )
        self.since = None
        self.cause = None
        self.failures = 0


database_outage = Outage("database unavailable; answering 503 with Retry-After", log)
"""This process's view of its database being out of reach: begun by a request refused with
503, ended by the next connection handed out (``asb_shared.db``)."""
