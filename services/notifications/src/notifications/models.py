"""Notifications' tables: the declarative base; each feature keeps its own models beside it."""

from __future__ import annotations

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata
from asb_shared.retention_schedules import retention_metadata as retention_metadata


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()


def load_all() -> None:
    """Import every feature's models, so the metadata knows every table (migrations)."""
    from .contacts import models as _contacts  # noqa: F401
    from .messages import models as _messages  # noqa: F401
    from .templates import models as _templates  # noqa: F401
