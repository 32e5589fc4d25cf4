"""The declarative base of the gateway's tables (its own metadata and naming convention)."""

from __future__ import annotations

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()
