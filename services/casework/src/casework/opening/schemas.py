"""The request body of taking a linked report back out of a case."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..fields import DecisionReason


class UnlinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: DecisionReason
