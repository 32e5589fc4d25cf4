from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from .kinds import MessageKind


class TemplateOut(BaseModel):
    kind: MessageKind
    language: str
    version: int
    """0: the template shipped with the platform."""
    subject: str
    body: str
    fields: list[str]
    fell_back_to_english: bool = False
    created_by: str | None = None
    created_at: datetime | None = None


class PreviewOut(BaseModel):
    subject: str
    body: str
