"""Request and response bodies of the evidence register."""

from __future__ import annotations

import uuid
from datetime import datetime

from ..fields import Origin, Record, Sha256, Strict, Text
from .kinds import EvidenceKind


class EvidenceIn(Strict):
    kind: EvidenceKind
    origin: Origin
    description: Text
    sha256: Sha256
    location: Text | None = None


class EvidenceOut(Record):
    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    origin: str
    description: str
    sha256: str
    location: str | None
    added_by: str
    added_at: datetime
    content_type: str | None = None
    size: int | None = None
    kept_here: bool = False
    """The file is kept by casework: ``GET .../evidence/{id}/file`` opens it."""
