"""Every table of the site (its sessions), on its one metadata: what migrations are written from."""

from __future__ import annotations

from .db import Base
from .site.sessions import SessionRow

__all__ = ["Base", "SessionRow"]
