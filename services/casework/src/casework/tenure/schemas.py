"""Request and response bodies of tenure."""

from __future__ import annotations

import uuid

from pydantic import BaseModel

from ..fields import Strict
from .kinds import Tenure


class TenureIn(Strict):
    tenure: Tenure


class TenureOut(BaseModel):
    case_id: uuid.UUID
    tenure: str
    version: int
