"""What a channel says about one attempt to send."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Accepted:
    """The provider took the message. ``final``: nothing more will be heard (SMTP); otherwise
    the delivery status comes later (Notify's callbacks)."""

    provider_id: str | None = None
    final: bool = True


@dataclass(frozen=True)
class Temporary:
    """Worth trying again later (SMTP 4xx, Notify 429 or 5xx, the relay unreachable)."""

    error: str


@dataclass(frozen=True)
class Permanent:
    """Trying again cannot help (SMTP 5xx, an invalid number, a letter Notify rejects)."""

    error: str


Outcome = Accepted | Temporary | Permanent
