"""The base of every part of a landlord's policy settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Settings(BaseModel):
    """A part of the policy: unknown fields are refused (a misspelt standard is an error)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
