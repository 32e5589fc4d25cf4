"""Staff API for templates: staff read them; admins preview and save new versions (a template
is code that runs on the server, however well bounded: only admins write it)."""

from __future__ import annotations

from typing import Annotated

from asb_shared.auth.groups import Admin, LandlordStaff
from asb_shared.errors import ErrorResponse
from asb_shared.service import WorkDep
from fastapi import APIRouter, Path

from .defaults import DEFAULTS
from .kinds import MessageKind
from .models import TemplateRow
from .resolving import Resolved
from .schemas import PreviewOut, TemplateOut
from .usecases import (
    PreviewTemplate,
    SaveTemplate,
    TemplateDraft,
    TemplateOf,
    find_template,
    preview_template,
    save_template,
    template_versions,
)

router = APIRouter(
    prefix="/v1/templates",
    tags=["templates"],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
)

Language = Annotated[
    str, Path(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$", description="BCP 47: en, cy, pl...")
]


def _resolved(r: Resolved) -> TemplateOut:
    return TemplateOut(
        kind=r.kind,
        language=r.language,
        version=r.version,
        subject=r.subject,
        body=r.body,
        fields=r.fields,
        fell_back_to_english=r.fell_back,
    )


def _row(r: TemplateRow) -> TemplateOut:
    return TemplateOut(
        kind=MessageKind(r.kind),
        language=r.language,
        version=r.version,
        subject=r.subject,
        body=r.body,
        fields=list(r.fields),
        created_by=r.created_by,
        created_at=r.created_at,
    )


@router.get("", response_model=list[TemplateOut])
async def list_templates(principal: LandlordStaff, work: WorkDep) -> list[TemplateOut]:
    """The template in use for every kind of message, in each language shipped."""
    async with work(principal) as uow:
        return [
            _resolved(await find_template(uow, TemplateOf(kind, language)))
            for kind, language in DEFAULTS
        ]


@router.get("/{kind}/{language}", response_model=TemplateOut)
async def get_template(
    kind: MessageKind, language: Language, principal: LandlordStaff, work: WorkDep
) -> TemplateOut:
    """The template in use (English stands in when there is none in this language)."""
    async with work(principal) as uow:
        return _resolved(await find_template(uow, TemplateOf(kind, language)))


@router.get("/{kind}/{language}/versions", response_model=list[TemplateOut])
async def get_versions(
    kind: MessageKind, language: Language, principal: LandlordStaff, work: WorkDep
) -> list[TemplateOut]:
    """Every version the organisation saved, newest first."""
    async with work(principal) as uow:
        return [_row(r) for r in await template_versions(uow, TemplateOf(kind, language))]


@router.put(
    "/{kind}/{language}",
    response_model=TemplateOut,
    status_code=201,
    responses={422: {"model": ErrorResponse}},
)
async def put_template(
    kind: MessageKind, language: Language, draft: TemplateDraft, principal: Admin, work: WorkDep
) -> TemplateOut:
    """Save a new version once it renders the sample data; a field used but not declared, or a
    template that cannot render within the sandbox's limits, is a 422 naming the field."""
    async with work(principal) as uow:
        row = await save_template(
            uow, SaveTemplate(kind=kind, language=language, **draft.model_dump())
        )
        return _row(row)


@router.post(
    "/{kind}/{language}/preview",
    response_model=PreviewOut,
    responses={422: {"model": ErrorResponse}},
)
async def preview(
    kind: MessageKind,
    language: Language,
    principal: Admin,
    work: WorkDep,
    draft: TemplateDraft | None = None,
) -> PreviewOut:
    """Render a draft (or, with no body, the template in use) with sample data. A template
    that fails, or needs more work, output or time than the sandbox allows, is a 422 naming
    ``subject`` or ``body``."""
    async with work(principal) as uow:
        subject, body = await preview_template(
            uow, PreviewTemplate(kind=kind, language=language, draft=draft)
        )
    return PreviewOut(subject=subject, body=body)
