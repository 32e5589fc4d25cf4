"""The landlords on the platform, as every service knows them.

Casework keeps the registry (a platform admin registers and changes organisations there) and
announces every change with ``casework.organisation.updated``, carrying the whole current state
and a version number. Every other service keeps the same table as a projection of that event,
applied only when the event's version is newer. This module is the table's one definition,
its upsert and its lookup, the rule that says which requests an organisation may make
(:func:`refusal`), and the gate the staff principal dependency runs it through.

Requests are refused for an unknown or inactive organisation; events never are (their order
between services is not guaranteed, so an event may arrive before the organisation's).

References are numbered per organisation from a PostgreSQL sequence of its own, created when
the organisation is first registered or projected (``nextval`` takes no lock until commit, so
the report hot path is not serialised; gaps are possible, as they always were).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
import uuid
import weakref
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Self

import asyncpg
from pydantic import BaseModel
from sqlalchemy import (
    ARRAY,
    Boolean,
    Column,
    DateTime,
    Integer,
    String,
    Table,
    Uuid,
    event,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .contracts.casework import OrganisationUpdated, PlatformService
from .db import asyncpg_dsn, new_metadata, notify_once
from .errors import ApiError, describe
from .outages import Outage
from .usecase import Invalid, UnitOfWork

if TYPE_CHECKING:
    from .auth import Principal
    from .db import Database

log = logging.getLogger(__name__)
ALWAYS_ON = frozenset({"intake", "casework", "notifications"})
"""The services every organisation has; the others (``PlatformService``) are bought."""

REFERENCE_PREFIX = re.compile(r"^[A-Z]{2,6}$")
RESERVED_PREFIXES = frozenset({"ASB", "CASE"})
"""The platform-wide forms of the references issued before organisations had prefixes
(``ASB-2026-000123``, ``CASE-2026-000045``): no organisation may take them."""

organisations_metadata = new_metadata()

organisations = Table(
    "organisations",
    organisations_metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", String(200), nullable=False),
    Column(
        "reference_prefix",
        String(6),
        nullable=False,
        unique=True,
        comment="starts the organisation's report and case references",
    ),
    Column(
        "services",
        ARRAY(String(40)),
        nullable=False,
        server_default=text("'{}'"),
        comment="the services bought besides intake, casework and notifications",
    ),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False, comment="the registry's version of this state"),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)


def create_organisation_tables() -> None:
    """Create the organisations table in a service's migration: its one definition is above."""
    from alembic import op

    organisations_metadata.create_all(op.get_bind())


def drop_organisation_tables() -> None:
    from alembic import op

    organisations_metadata.drop_all(op.get_bind())


@dataclass(frozen=True)
class Organisation:
    """A landlord as the registry last described it."""

    id: uuid.UUID
    name: str
    reference_prefix: str
    services: frozenset[str]
    active: bool
    version: int
    updated_at: datetime | None = None

    def buys(self, service: str) -> bool:
        return service in ALWAYS_ON or service in self.services

    @classmethod
    def of(cls, event: OrganisationUpdated) -> Organisation:
        return cls(
            id=event.organisation_id,
            name=event.name,
            reference_prefix=event.reference_prefix,
            services=frozenset(s.value for s in event.services),
            active=event.active,
            version=event.version,
            updated_at=event.updated_at,
        )

    def event(self) -> OrganisationUpdated:
        """The event announcing this state."""
        if self.updated_at is None:
            raise ValueError("an announced state has its time")
        return OrganisationUpdated(
            organisation_id=self.id,
            name=self.name,
            reference_prefix=self.reference_prefix,
            services=sorted(PlatformService(s) for s in self.services),
            active=self.active,
            version=self.version,
            updated_at=self.updated_at,
        )

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "reference_prefix": self.reference_prefix,
            "services": sorted(self.services),
            "active": self.active,
            "version": self.version,
            **({"updated_at": self.updated_at} if self.updated_at is not None else {}),
        }


def _organisation(row: Any) -> Organisation:
    return Organisation(
        id=row.id,
        name=row.name,
        reference_prefix=row.reference_prefix,
        services=frozenset(row.services),
        active=row.active,
        version=row.version,
        updated_at=row.updated_at,
    )


class OrganisationHeld(BaseModel):
    """An organisation as one service holds it (its registry, or its projection)."""

    id: uuid.UUID
    name: str
    reference_prefix: str
    services: list[str]
    active: bool
    version: int

    @classmethod
    def of(cls, organisation: Organisation) -> Self:
        """The organisation's fields this model has (a subclass may have more)."""
        return cls.model_validate(
            asdict(organisation) | {"services": sorted(organisation.services)}
        )


# --- the rule ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


def refusal(organisation: Organisation | None, service: str) -> Refusal | None:
    """Why ``service`` refuses a request for this organisation, or None if it does not."""
    if organisation is None:
        return Refusal(
            "organisation_unknown", "The organisation is not registered on the platform."
        )
    if not organisation.active:
        return Refusal("organisation_inactive", "The organisation is not active on the platform.")
    if not organisation.buys(service):
        return Refusal(
            "service_not_bought", f"The organisation does not use the {service} service."
        )
    return None


# --- lookup, upsert, sequences ----------------------------------------------------------------


# Plain SQL on the session's connection: an organisation is looked up on every report and every
# staff request, and building a Core statement costs more than the round trip.
_COLUMNS = "id, name, reference_prefix, services, active, version, updated_at"
_FIND = f"SELECT {_COLUMNS} FROM organisations WHERE id = $1"
_FIND_NUMBERED = (
    f"SELECT {_COLUMNS}, CASE WHEN active OR $2 THEN nextval($3::text::regclass) END AS number"
    " FROM organisations WHERE id = $1"
)


async def find_organisation(
    session: AsyncSession, organisation_id: uuid.UUID
) -> Organisation | None:
    connection = await session.connection()
    row = (await connection.exec_driver_sql(_FIND, (organisation_id,))).first()
    return _organisation(row) if row is not None else None


async def find_numbered(
    session: AsyncSession, organisation_id: uuid.UUID, kind: str, *, inactive_too: bool
) -> tuple[Organisation | None, int | None]:
    """The organisation and, in the same round trip, the next number of its ``kind``
    references (lock-free ``nextval``): taken if it is active, or ``inactive_too`` (an event's
    record is numbered whatever the organisation's state); never for an unknown organisation."""
    connection = await session.connection()
    row = (
        await connection.exec_driver_sql(
            _FIND_NUMBERED,
            (organisation_id, inactive_too, reference_sequence(kind, organisation_id)),
        )
    ).first()
    if row is None:
        return None, None
    return _organisation(row), row.number


def reference_sequence(kind: str, organisation_id: uuid.UUID) -> str:
    """The name of the organisation's sequence numbering ``kind`` references (report, case)."""
    return f"{kind}_reference_{organisation_id.hex}"


async def create_reference_sequences(
    session: AsyncSession, organisation_id: uuid.UUID, kinds: Iterable[str]
) -> None:
    for kind in kinds:
        await session.execute(
            text(f"CREATE SEQUENCE IF NOT EXISTS {reference_sequence(kind, organisation_id)}")
        )


async def save_organisation(
    session: AsyncSession, organisation: Organisation, *, reference_kinds: Iterable[str] = ()
) -> bool:
    """Store this state if it is newer than the one held; True if it was stored.

    Creates the organisation's reference sequences (``reference_kinds``) the first time.
    """
    values = organisation.row()
    statement = insert(organisations).values(values)
    stored = await session.execute(
        statement.on_conflict_do_update(
            index_elements=[organisations.c.id],
            set_={k: statement.excluded[k] for k in values if k != "id"},
            where=organisations.c.version < statement.excluded.version,
        ).returning(organisations.c.id)
    )
    applied = stored.first() is not None
    if applied:
        await create_reference_sequences(session, organisation.id, reference_kinds)
        # Every process's gates hear of it at commit; this process's at once (a request
        # following the change here is answered by it).
        await notify_once(session, ORGANISATIONS_CHANNEL)
        event.listen(session.sync_session, "after_commit", _forget_here, once=True)
    return applied


def _forget_here(_session: object) -> None:
    forget_held_organisations()


def projector(
    *, reference_kinds: Iterable[str] = ()
) -> Callable[[UnitOfWork, OrganisationUpdated], Awaitable[None]]:
    """The ``casework.organisation.updated`` handler of a service's projection.

    Never refuses: an older version than the one held is simply not applied.
    """
    kinds = tuple(reference_kinds)

    async def organisation_updated(uow: UnitOfWork, event: OrganisationUpdated) -> None:
        await save_organisation(uow.session, Organisation.of(event), reference_kinds=kinds)

    return organisation_updated


# --- the edges --------------------------------------------------------------------------------


async def require_for_request(
    session: AsyncSession, organisation_id: uuid.UUID, *, service: str, field: str
) -> Organisation:
    """The organisation a public request names in its body; a 422 naming ``field`` if unknown,
    inactive, or not a user of ``service``."""
    organisation = await find_organisation(session, organisation_id)
    refused = refusal(organisation, service)
    if refused is not None:
        raise Invalid.at(field, refused.message, refused.code)
    assert organisation is not None
    return organisation


ORGANISATIONS_CHANNEL = "organisations_changed"
"""The LISTEN/NOTIFY channel a change to the organisations table is announced on, at commit
(:func:`save_organisation`): the gates of the service's processes forget what they hold."""


class OrganisationGate:
    """Refuses a staff request (403) for an organisation the service must not serve.

    Each process keeps the organisations it has looked up and serves, while it listens on
    :data:`ORGANISATIONS_CHANNEL` (``listen_url``): the registry's event, applied to the
    service's table, notifies it at commit and the process forgets everything it holds, so the
    next request of a deactivated landlord is refused. Nothing is held longer than
    ``ttl_seconds`` either, so a notification missed (a listening connection lost unnoticed)
    leaves a change unseen that long at most; while the process is not listening nothing is
    held and every request reads the table. A refusal is never held: a landlord registered or
    reactivated is served at once.
    """

    def __init__(
        self,
        db: Database,
        service: str,
        *,
        listen_url: str | None = None,
        ttl_seconds: float = 5.0,
    ) -> None:
        self.db = db
        self.service = service
        self.ttl_seconds = ttl_seconds
        self._dsn = asyncpg_dsn(listen_url) if listen_url else None
        self._held: dict[uuid.UUID, tuple[Organisation | None, float]] = {}
        self._changes = 0
        self._listener: asyncpg.Connection | None = None
        self._keeping: asyncio.Task[None] | None = None
        self._trouble = Outage(f"{service}: organisations not held, reading each time", log)
        _GATES.add(self)

    @property
    def listening(self) -> bool:
        return self._listener is not None and not self._listener.is_closed()

    def _changed(self, *_: object) -> None:
        self._changes += 1
        self._held.clear()

    async def _listen(self) -> None:
        if self._dsn is None or self.listening:
            return
        self._changed()
        try:
            listener = await asyncpg.connect(self._dsn)
            listener.add_termination_listener(self._changed)
            await listener.add_listener(ORGANISATIONS_CHANNEL, self._changed)
        except (OSError, asyncpg.PostgresError) as exc:
            self._trouble.failed(describe(exc))
            return
        self._listener = listener
        self._trouble.ended()

    async def start(self) -> None:
        """Listen for changes (and listen again within a second when the connection is lost)."""
        if self._dsn is None or self._keeping is not None:
            return

        async def keep_listening() -> None:
            while True:
                await self._listen()
                await asyncio.sleep(1.0)

        await self._listen()
        self._keeping = asyncio.create_task(keep_listening(), name="organisation-gate")

    async def stop(self) -> None:
        if self._keeping is not None:
            self._keeping.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._keeping
            self._keeping = None
        if self._listener is not None:
            self._listener.remove_termination_listener(self._changed)
            await self._listener.close()
            self._listener = None
        self._held.clear()

    async def organisation(self, organisation_id: uuid.UUID) -> Organisation | None:
        """The organisation as the service holds it: from this process's memory while that is
        known to be current, else from the table."""
        now = time.monotonic()
        if self.listening:
            held = self._held.get(organisation_id)
            if held is not None and now - held[1] < self.ttl_seconds:
                return held[0]
        changes = self._changes
        async with self.db.sessions() as session:
            found = await find_organisation(session, organisation_id)
        # Kept only if no change was announced while it was read (it may predate the change).
        if self.listening and changes == self._changes and refusal(found, self.service) is None:
            if len(self._held) >= _MOST_HELD:
                self._held.clear()
            self._held[organisation_id] = (found, now)
        return found

    async def check(self, principal: Principal) -> None:
        organisation = await self.organisation(principal.organisation_id)
        refused = refusal(organisation, self.service)
        if refused is not None:
            raise ApiError(403, refused.code, refused.message)


_MOST_HELD = 10_000
"""Organisations a process holds at most (the landlords on the platform are far fewer)."""

_GATES: weakref.WeakSet[OrganisationGate] = weakref.WeakSet()


def forget_held_organisations() -> None:
    """Every gate of this process forgets the organisations it holds: a change to the table was
    committed by this process (the others hear of it by :data:`ORGANISATIONS_CHANNEL`)."""
    for gate in list(_GATES):
        gate._changed()


# --- references -------------------------------------------------------------------------------
# A report's reference is <PREFIX>-<year>-<number>, a case's <PREFIX>-C-<year>-<number>, the
# number at least six digits from the organisation's own sequence. The references issued before
# (ASB-2026-000123 and CASE-2026-000045, from one sequence for all) stay valid: ASB and CASE
# are reserved, and the patterns below accept them.

REPORT_REFERENCE = r"^[A-Z]{2,6}-\d{4}-\d{6,12}$"
"""A report's reference, either form (``HX-2026-000123``, ``ASB-2026-000123``)."""
CASE_REFERENCE = r"^(?:[A-Z]{2,6}-C|CASE)-\d{4}-\d{6,12}$"
"""A case's reference, either form (``HX-C-2026-000045``, ``CASE-2026-000045``)."""


def report_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year:04d}-{number:06d}"


def case_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-C-{year:04d}-{number:06d}"


def numbered_reference(kind: str, organisation: Organisation, year: int, number: int) -> str:
    """The organisation's ``kind`` reference (``report`` or ``case``) with this number."""
    shape = case_reference if kind == "case" else report_reference
    return shape(organisation.reference_prefix, year, number)
