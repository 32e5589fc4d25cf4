"""The site's one database metadata: its sessions, nothing of any case."""

from __future__ import annotations

from asb_shared.db import Base as SharedBase
from asb_shared.db import new_metadata


class Base(SharedBase):
    __abstract__ = True
    metadata = new_metadata()
