"""Notifications' one database metadata: every feature declares its tables on this ``Base``, so
that Alembic and the migration check see them all (``notifications.models`` gathers them)."""

from __future__ import annotations

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()
