"""The event envelope and the typed contracts carried in it."""

from __future__ import annotations

import uuid
from contextvars import ContextVar
from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..db import utcnow, uuid7

# The correlation id and W3C traceparent of the work in hand (an HTTP request or a consumed
# event), so events emitted while doing it carry them without being passed by hand.
current_correlation_id: ContextVar[uuid.UUID | None] = ContextVar("correlation_id", default=None)
current_traceparent: ContextVar[str | None] = ContextVar("traceparent", default=None)
# The event being handled, so that events emitted while handling it name it as their cause.
current_causation_id: ContextVar[uuid.UUID | None] = ContextVar("causation_id", default=None)


class Envelope(BaseModel):
    """What travels on the bus. Consumers ignore fields they do not know."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: uuid.UUID = Field(default_factory=uuid7)
    type: str
    version: int = 1
    occurred_at: datetime = Field(default_factory=utcnow)
    producer: str
    organisation_id: uuid.UUID
    correlation_id: uuid.UUID
    causation_id: uuid.UUID | None = None
    traceparent: str | None = None
    data: dict[str, Any]


_CONTRACTS: dict[tuple[str, int], type[Event]] = {}


class Event(BaseModel):
    """Base class of event contracts: ``event_type`` is also the routing key.

    A breaking change to a contract is a new class with the same ``event_type`` and a higher
    ``event_version``; consumers pick the class by both. Unknown fields are ignored so that a
    producer may add fields without breaking anyone.
    """

    model_config = ConfigDict(extra="ignore")

    event_type: ClassVar[str]
    event_version: ClassVar[int] = 1

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "event_type" in cls.__dict__:
            key = (cls.event_type, cls.event_version)
            if key in _CONTRACTS and _CONTRACTS[key] is not cls:
                raise TypeError(f"two contracts for {key}")
            _CONTRACTS[key] = cls


def contract_for(event_type: str, version: int) -> type[Event] | None:
    """The contract class registered for an event type and version, if any."""
    return _CONTRACTS.get((event_type, version))


def all_contracts() -> list[type[Event]]:
    """Every registered contract, sorted by type and version."""
    return [_CONTRACTS[k] for k in sorted(_CONTRACTS)]
