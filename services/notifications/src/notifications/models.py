"""Notifications' tables: the declarative base (``notifications.db``); each feature keeps its own
models beside it, and :func:`load_all` gathers them."""

from __future__ import annotations

from asb_shared.retention_schedules import retention_metadata as retention_metadata

from .db import Base as Base


def load_all() -> None:
    """Import every feature's models, so the metadata knows every table (migrations)."""
    from .contacts import models as _contacts  # noqa: F401
    from .messages import models as _messages  # noqa: F401
    from .templates import models as _templates  # noqa: F401
