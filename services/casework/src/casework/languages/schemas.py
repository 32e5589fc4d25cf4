"""Request and response bodies of people's language needs."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ..fields import Short, Strict
from .people import Role

LANGUAGE = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"
"""A language tag (ISO 639, optionally a region or script: 'pl', 'pa-Guru'), as on a
complainant's preferences."""


class LanguageNeedIn(Strict):
    """A subject's or witness's language needs; ``position`` counts from 0 in the report's
    list of that role (as ``people`` on the case shows them)."""

    report_id: uuid.UUID
    role: Role
    position: int = Field(ge=0, le=99)
    language: str | None = Field(default=None, pattern=LANGUAGE)
    interpreter: bool = False
    """A spoken-language interpreter is needed (in ``language``)."""
    bsl: bool = False
    """A British Sign Language interpreter is needed."""
    notes: Short | None = None

    @field_validator("interpreter")
    @classmethod
    def _an_interpreter_speaks_a_language(cls, value: bool, info: ValidationInfo) -> bool:
        # A language that was itself refused is absent from info.data: that error is shown.
        if value and "language" in info.data and info.data["language"] is None:
            raise ValueError("say which language the interpreter is needed for")
        return value


class PersonOut(BaseModel):
    """A subject or witness a report names, with their language needs."""

    model_config = ConfigDict(from_attributes=True)

    role: str
    report_id: uuid.UUID
    report_reference: str
    position: int
    name: str | None
    description: str | None
    language: str | None
    interpreter: bool
    bsl: bool
    notes: str | None
