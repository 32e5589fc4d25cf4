"""Every table of the web service (residents' and staff sessions), on its one metadata: what
migrations are written from."""

from __future__ import annotations

from .console.sessions import StaffSessionRow
from .db import Base
from .site.sessions import SessionRow

__all__ = ["Base", "SessionRow", "StaffSessionRow"]
