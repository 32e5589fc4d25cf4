"""What the reports API takes and gives."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from ..common import Short, Template, Text


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    recommendation: Text = Field(description="the PEO's recommendation to the court")
    organisation_name: Short | None = Field(default=None, description="shown in the footer")


class ReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    number: int
    template_version: int
    sha256: str
    size: int
    generated_by: str
    generated_at: datetime


class TemplateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    html: Template
    css: Template


class TemplateOut(BaseModel):
    version: int
    html: str
    css: str
